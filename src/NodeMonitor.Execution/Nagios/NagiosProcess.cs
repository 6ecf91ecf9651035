using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Nagios;

/// <summary>
/// Runs one resolved Nagios command line the way nrpe does (<c>/bin/sh -c</c>, so quoting and shell syntax in an
/// nrpe.cfg mean what they meant there), with a time limit that kills the whole process tree.
/// </summary>
public static class NagiosProcess
{
    // A plugin may leave a background child holding its pipes; once the plugin exited, do not wait long for them.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<NagiosExecution> RunAsync(string commandLine, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        if (PluginPathProblem(commandLine, workingDirectory) is { } problem)
            return new NagiosExecution(null, "", "", problem, started.Elapsed);

        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(commandLine);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new NagiosExecution(null, "", "", $"could not start /bin/sh: {e.Message}", started.Elapsed);
        }
        process.StandardInput.Close(); // plugins read no input; an interactive one must not wait for us

        var stdout = new HeadTailText(OutputLimits.TestOutputChars);
        var stderr = new HeadTailText(OutputLimits.TestOutputChars);
        var readers = Task.WhenAll(Capture(process.StandardOutput, stdout), Capture(process.StandardError, stderr));

        using var deadline = new CancellationTokenSource(timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        string? ending = null;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception) { /* already gone */ }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ending = ct.IsCancellationRequested
                ? "cancelled; the command's process tree was killed"
                : $"timed out after {timeout.TotalSeconds:0.###} s; the command's process tree was killed";
        }
        try
        {
            await readers.WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A background child still holds the pipe; what was read is the plugin's output.
        }
        string Text(HeadTailText t) { lock (t) return t.ToString(); }
        return new NagiosExecution(ending is null ? process.ExitCode : null, Text(stdout), Text(stderr), ending, started.Elapsed);
    }

    /// <summary>
    /// A missing or non-executable plugin would otherwise show as the shell's "not found" with exit 127:
    /// name the path instead. Only the first word is checked, and only when it is a path (a bare name is
    /// left to the shell's PATH lookup).
    /// </summary>
    internal static string? PluginPathProblem(string commandLine, string workingDirectory)
    {
        string first = FirstWord(commandLine);
        if (!first.Contains('/', StringComparison.Ordinal)) return null;
        string path = Path.GetFullPath(first, workingDirectory);
        if (Directory.Exists(path)) return $"plugin is a directory, not a program: {path}";
        if (!File.Exists(path)) return $"plugin not found: {path}";
        if (!OperatingSystem.IsWindows() &&
            (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            return $"plugin is not executable: {path} (chmod +x it)";
        return null;
    }

    private static string FirstWord(string commandLine)
    {
        string text = commandLine.TrimStart();
        if (text.Length > 0 && text[0] is '\'' or '"')
        {
            int close = text.IndexOf(text[0], 1);
            return close > 0 ? text[1..close] : text[1..];
        }
        int end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        return text[..end];
    }

    private static async Task Capture(StreamReader reader, HeadTailText into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (into) into.Append(buffer.AsSpan(0, read));
        }
    }
}
