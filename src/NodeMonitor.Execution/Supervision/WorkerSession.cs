using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// Runs one worker process to its end: feeds its protocol messages to a handler in order, keeps its other
/// output (capped), and kills the whole process tree at the deadline or on cancellation.
/// </summary>
internal static class WorkerSession
{
    // After the worker died, a grandchild it spawned may still hold stderr open; do not wait for it forever.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    public static async Task<WorkerExit> RunAsync(
        WorkerCommand command, WorkerRequest request, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, Action<WorkerMessage> onMessage, CancellationToken ct)
    {
        var info = command.StartInfo(request.ToArguments());
        info.WorkingDirectory = workingDirectory;
        info.StandardErrorEncoding = Encoding.UTF8;
        foreach (var (key, value) in environment) info.Environment[key] = value;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new WorkerExit(WorkerEnding.FailedToStart, null, false, "", $"could not start the worker ({command}): {e.Message}");
        }
        // stdin stays open while the worker lives: its end-of-file tells the worker we are gone (ParentWatch).

        var captured = new HeadTailText(OutputLimits.CapturedProcessOutputChars);
        var stderr = Task.Run(() => CaptureAsync(process.StandardError, captured));
        bool sentDone = false; // written by the pump, read after it completed
        var stdout = Task.Run(() => PumpAsync(process.StandardOutput.BaseStream, new ProtocolSequence(request), m =>
        {
            if (m is WorkerDoneMessage) sentDone = true;
            onMessage(m);
        }));
        // A violation ends the worker at once: nothing it sends afterwards can be trusted.
        _ = stdout.ContinueWith(t => { if (t.IsCompletedSuccessfully && t.Result is not null) Kill(process); }, TaskScheduler.Default);

        using var deadline = timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        var ending = WorkerEnding.Exited;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ending = ct.IsCancellationRequested ? WorkerEnding.Cancelled : WorkerEnding.TimedOut;
        }

        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Something the plugin started still holds a pipe; what we have is all we will get.
        }
        if (stdout.IsFaulted) await stdout.ConfigureAwait(false); // rethrows what the handler threw, once the worker is gone
        string? violation = stdout.IsCompletedSuccessfully ? stdout.Result : null;
        try { process.StandardInput.Close(); } catch (IOException) { }
        string output;
        lock (captured) output = captured.ToString();
        return new WorkerExit(ending, process.ExitCode, sentDone, output, null) { ProtocolViolation = violation };
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Feeds checked messages to the handler until the channel ends; returns the protocol violation that
    /// ended it early (the caller then kills the worker), or null.</summary>
    private static async Task<string?> PumpAsync(Stream channel, ProtocolSequence sequence, Action<WorkerMessage> onMessage)
    {
        var reader = new ProtocolLineReader(channel, ProtocolLimits.MaxLineBytes);
        Exception? handlerFailure = null;
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var message = sequence.Accept(line);
                if (handlerFailure is not null) continue;
                try
                {
                    onMessage(message);
                }
                catch (Exception e)
                {
                    // Keep draining so the worker never blocks on a full pipe; report after it ended.
                    handlerFailure = e;
                }
            }
        }
        catch (ProtocolViolationException e)
        {
            return e.Message;
        }
        if (handlerFailure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(handlerFailure);
        return null;
    }

    private static async Task CaptureAsync(StreamReader reader, HeadTailText captured)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (captured) captured.Append(buffer.AsSpan(0, read));
        }
    }
}
