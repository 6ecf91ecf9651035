using NodeMonitor.Core.Nagios;
using NUnit.Framework;
using NUnit.Framework.Internal;
using System.ComponentModel;
using System.Diagnostics;

namespace NodeMonitor.Checks;

/// <summary>
/// Runs a Nagios plugin from inside an NUnit test, the way nodemonitor runs nrpe.cfg commands
/// (<c>/bin/sh -c</c>, a time limit that kills the process tree):
/// <code>
/// Assert.That(Nagios.Check("/usr/lib/nagios/plugins/check_load -w 5 -c 10"), NagiosIs.Ok);
/// Nagios.AssertOk("/usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /");
/// </code>
/// </summary>
public static class Nagios
{
    /// <summary>Used when no timeout is given; the same as nodemonitor's nagios.commandTimeoutSeconds default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="commandLine"/> and returns what the plugin said. Never throws for plugin problems:
    /// a missing or non-executable plugin, or one past its time limit, is <see cref="NagiosState.Unknown"/> with the reason.</summary>
    public static NagiosCheckResult Check(string commandLine, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandLine);
        if (PathProblem(commandLine) is { } problem) return new(commandLine, NagiosState.Unknown, null, problem, "", "");

        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(commandLine);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new(commandLine, NagiosState.Unknown, null, $"could not start /bin/sh: {e.Message}", "", "");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            return new(commandLine, NagiosState.Unknown, null, $"timed out after {limit.TotalSeconds:0.###} s; the process tree was killed", "", "");
        }
        process.WaitForExit(); // flushes the redirected streams
        return Parse(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Fails the current test unless the plugin says OK; the failure shows the plugin's state and output.</summary>
    public static NagiosCheckResult AssertOk(string commandLine, TimeSpan? timeout = null)
    {
        var result = Check(commandLine, timeout);
        Assert.That(result, NagiosIs.Ok);
        return result;
    }

    internal static NagiosCheckResult Parse(string commandLine, int exitCode, string stdout, string stderr)
    {
        var state = exitCode is >= 0 and <= 3 ? (NagiosState)exitCode : NagiosState.Unknown;
        var output = NagiosOutput.Parse(stdout);
        var rest = new List<string>();
        if (output.LongText is { } longText) rest.Add(longText);
        if (stderr.Length > 0) rest.Add(stderr.TrimEnd('\n'));
        string message = output.Message.Length == 0 ? $"exit code {exitCode} with no output" : output.Message;
        RecordPerfData(commandLine, output);
        return new(commandLine, state, exitCode, message, string.Join('\n', rest), output.PerfDataText);
    }

    /// <summary>Inside a test, each perfdata value becomes a metric sample exactly as for an nrpe.cfg command
    /// (<c>nagios_&lt;label&gt;</c>), labelled with the plugin program's file name as <c>command</c>.</summary>
    private static void RecordPerfData(string commandLine, NagiosOutput output)
    {
        var test = TestExecutionContext.CurrentContext?.CurrentTest;
        if (test is null || output.PerfData.Count == 0) return;
        string command = Path.GetFileName(FirstWord(commandLine));
        foreach (var sample in output.PerfData) test.Properties.Add(PerfDataMetric.PropertyName, PerfDataMetric.ToJson(sample, command));
    }

    private static string FirstWord(string commandLine) =>
        commandLine.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0].Trim('\'', '"');

    /// <summary>Names the path of a missing or non-executable plugin instead of the shell's "not found".</summary>
    private static string? PathProblem(string commandLine)
    {
        string first = FirstWord(commandLine);
        if (!first.Contains('/', StringComparison.Ordinal)) return null;
        string path = Path.GetFullPath(first);
        if (!File.Exists(path)) return $"plugin not found: {path}";
        if ((File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            return $"plugin is not executable: {path}";
        return null;
    }
}
