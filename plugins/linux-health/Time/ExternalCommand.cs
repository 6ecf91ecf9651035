using System.Diagnostics;

namespace NodeMonitor.Plugins.LinuxHealth.Time;

/// <summary>What a finished command printed, and how it exited.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a system tool (chronyc, timedatectl) and captures its output.</summary>
public static class ExternalCommand
{
    // The worker may start with a minimal PATH (a systemd unit, cron), so the usual places are searched too.
    private static readonly string[] FallbackDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="name"/>, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(FallbackDirectories)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs the command to its end; on cancellation it is killed, then the cancellation is thrown.</summary>
    public static async Task<CommandResult> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        // The parsers read the C locale's wording and number format.
        startInfo.Environment["LC_ALL"] = "C";

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"{executable} did not start");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new CommandResult(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
