using System.Diagnostics;

namespace NodeMonitor.Execution.Containment;

/// <summary>The account a plugin's processes run as: root (the supervisor's own) unless plugin.json names a user.</summary>
internal sealed record ChildAccount(string Name, int Uid, int Gid, string Home)
{
    public bool IsSupervisorAccount => Uid == -1;

    /// <summary>The supervisor's own account: nothing is switched.</summary>
    public static ChildAccount Supervisor() =>
        new(Environment.UserName, -1, -1, Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : "/");

    /// <summary>Looks the account up through NSS (<c>getent passwd</c>), so LDAP or sssd accounts work as well as /etc/passwd.</summary>
    /// <exception cref="ChildStartException">There is no such account.</exception>
    public static ChildAccount Lookup(string name)
    {
        var info = new ProcessStartInfo("getent") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("passwd");
        info.ArgumentList.Add(name);
        info.Environment.Clear();
        info.Environment["PATH"] = ChildEnvironment.DefaultPath;
        string line;
        try
        {
            using var getent = Process.Start(info)!;
            line = getent.StandardOutput.ReadToEnd();
            getent.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChildStartException($"could not look up user '{name}': {e.Message}");
        }
        string[] fields = line.Trim().Split(':');
        if (fields.Length < 7 || !int.TryParse(fields[2], out int uid) || !int.TryParse(fields[3], out int gid))
            throw new ChildStartException($"user '{name}' (plugin.json \"user\") does not exist on this node");
        return new ChildAccount(fields[0], uid, gid, fields[5].Length > 0 ? fields[5] : "/");
    }
}

/// <summary>A plugin's process cannot be started as configured (no such user, no launcher); one line for people.</summary>
internal sealed class ChildStartException(string message) : Exception(message);
