using System.Diagnostics;
using System.Text;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Containment;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// Runs one worker process to its end: feeds its checked protocol messages to a handler in order, keeps its other
/// output (capped), watches its limits, and kills everything it started (<see cref="ProcessScope"/>) when it exits,
/// breaks the protocol, exceeds a limit, passes the deadline or is cancelled.
/// </summary>
internal static class WorkerSession
{
    // Everything that could hold the worker's pipes has been killed when this starts; only a process that escaped
    // the scope can keep them open. The pipes then normally close at once; the grace only lets a loaded machine
    // finish reading what is buffered, and bounds the wait for an escaped holder.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<WorkerExit> RunAsync(WorkerCommand command, WorkerRequest request, PluginDescriptor plugin,
        string? node, TimeSpan timeout, Action<WorkerMessage> onMessage, CancellationToken ct)
    {
        var info = command.StartInfo(request.ToArguments());
        info.WorkingDirectory = plugin.Directory;
        info.StandardErrorEncoding = Encoding.UTF8;

        using var process = new Process { StartInfo = info };
        ProcessScope scope;
        try
        {
            scope = ContainedProcess.Start(process, plugin, node);
        }
        catch (ChildStartException e)
        {
            return new WorkerExit(WorkerEnding.FailedToStart, null, false, "", $"could not start the worker ({command}): {e.Message}");
        }
        using var ownedScope = scope;
        // stdin stays open while the worker lives: its end-of-file tells the worker we are gone (ParentWatch).

        var captured = new HeadTailText(OutputLimits.CapturedProcessOutputChars);
        var stderr = Task.Run(() => CaptureAsync(process.StandardError, captured));
        bool sentDone = false; // written by the pump, read after it completed
        // The protocol is read with blocking reads on a thread of its own: tens of thousands of lines handed one by one
        // through the thread pool cost more CPU (wake-ups and spinning) than the lines' contents.
        var stdout = Task.Factory.StartNew(() => Pump(process.StandardOutput.BaseStream, new ProtocolSequence(request), m =>
        {
            if (m is WorkerDoneMessage) sentDone = true;
            onMessage(m);
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // A violation ends the worker at once: nothing it sends afterwards can be trusted.
        _ = stdout.ContinueWith(t => { if (t.IsCompletedSuccessfully && t.Result is not null) scope.KillAll(); }, TaskScheduler.Default);
        var end = await ContainedProcess.WaitAsync(process, scope, timeout, ct).ConfigureAwait(false);
        var ending = end.Ending switch
        {
            ContainedEnding.Cancelled => WorkerEnding.Cancelled,
            ContainedEnding.TimedOut => WorkerEnding.TimedOut,
            _ => WorkerEnding.Exited,
        };

        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Something that escaped the scope still holds a pipe; what we have is all we will get.
        }
        if (stdout.IsFaulted) await stdout.ConfigureAwait(false); // rethrows what the handler threw, once the worker is gone
        string? violation = stdout.IsCompletedSuccessfully ? stdout.Result : null;
        try { process.StandardInput.Close(); } catch (IOException) { }
        string output;
        lock (captured) output = captured.ToString();
        return new WorkerExit(ending, process.ExitCode, sentDone, output, null) { ProtocolViolation = violation, LimitExceeded = end.LimitExceeded };
    }

    /// <summary>Feeds checked messages to the handler until the channel ends; returns the protocol violation that
    /// ended it early (the caller then kills the worker), or null.</summary>
    private static string? Pump(Stream channel, ProtocolSequence sequence, Action<WorkerMessage> onMessage)
    {
        var reader = new ProtocolLineReader(channel, ProtocolLimits.MaxLineBytes);
        Exception? handlerFailure = null;
        try
        {
            while (reader.ReadLine() is { } line)
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
        catch (IOException)
        {
            // The pipe broke with the worker; what was read is what there is.
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
