using System.Diagnostics;
using System.Text;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Containment;

namespace NodeMonitor.Execution.Nagios;

/// <summary>
/// Runs one resolved Nagios command line the way nrpe does (<c>/bin/sh -c</c>, so quoting and shell syntax in an
/// nrpe.cfg mean what they meant there), contained like a worker (<see cref="ProcessScope"/>: clean environment, the
/// plugin's account and limits, and nothing it starts outlives it), with a time limit.
/// </summary>
public static class NagiosProcess
{
    // Everything the command started is killed when it exits; only an escaped process could still hold a pipe.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<NagiosExecution> RunAsync(string commandLine, PluginDescriptor plugin, string? node,
        TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        string workingDirectory = plugin.Directory;
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

        using var process = new Process { StartInfo = info };
        ProcessScope scope;
        try
        {
            scope = ContainedProcess.Start(process, plugin, node);
        }
        catch (ChildStartException e)
        {
            return new NagiosExecution(null, "", "", $"could not start /bin/sh: {e.Message}", started.Elapsed);
        }
        using var ownedScope = scope;
        process.StandardInput.Close(); // plugins read no input; an interactive one must not wait for us

        var stdout = new HeadTailText(OutputLimits.TestOutputChars);
        var stderr = new HeadTailText(OutputLimits.TestOutputChars);
        var readers = Task.WhenAll(Capture(process.StandardOutput, stdout), Capture(process.StandardError, stderr));

        var end = await ContainedProcess.WaitAsync(process, scope, timeout, ct).ConfigureAwait(false);
        string? ending = end switch
        {
            { Ending: ContainedEnding.Cancelled } => "cancelled; the command's process tree was killed",
            { Ending: ContainedEnding.TimedOut } => $"timed out after {timeout.TotalSeconds:0.###} s; the command's process tree was killed",
            { LimitExceeded: { } limit } => $"{limit}; the command's processes were killed",
            _ => null,
        };
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
