using System.ComponentModel;
using System.Diagnostics;

namespace NodeMonitor.Checks;

internal sealed record CommandOutcome(int ExitCode, string Stdout, string Stderr, TimeSpan Duration, bool TimedOut, string? StartFailure);

/// <summary>Runs a program with a time limit; past the limit the whole process tree is killed.</summary>
internal static class CommandRunner
{
    public static CommandOutcome Run(string program, IEnumerable<string> arguments, TimeSpan timeLimit)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return new CommandOutcome(-1, "", "", watch.Elapsed, false, $"could not start {program}: {e.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var timedOut = !process.WaitForExit(timeLimit);
            if (timedOut)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            var elapsed = watch.Elapsed;

            // A grandchild that kept the pipes open would block these reads; it was killed with the tree.
            var outText = stdout.Wait(TimeSpan.FromSeconds(5)) ? stdout.Result : "";
            var errText = stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result : "";
            return new CommandOutcome(timedOut ? -1 : process.ExitCode, outText, errText, elapsed, timedOut, null);
        }
    }
}
