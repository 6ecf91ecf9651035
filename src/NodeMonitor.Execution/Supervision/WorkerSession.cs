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

    /// <summary>Runs a worker for the plugins of <paramref name="launch"/>, one after the other; each plugin's messages are
    /// checked on their own (<see cref="ProtocolSequence"/>) and handed over with its index. The returned exit is about the
    /// plugin that was running when the worker ended (<see cref="WorkerExit.PluginsDone"/> of them had finished before).</summary>
    public static async Task<WorkerExit> RunAsync(WorkerCommand command, WorkerLaunch launch, Action<int, WorkerMessage> onMessage, CancellationToken ct)
    {
        var info = command.StartInfo(launch.Arguments);
        info.WorkingDirectory = launch.Container.Directory;
        info.StandardErrorEncoding = Encoding.UTF8;

        using var process = new Process { StartInfo = info };
        ProcessScope scope;
        try
        {
            scope = ContainedProcess.Start(process, launch.Container, launch.Node, launch.Requests.Count, launch.StartEnvironment);
        }
        catch (ChildStartException e)
        {
            return new WorkerExit(WorkerEnding.FailedToStart, null, false, "", $"could not start the worker ({command}): {e.Message}");
        }
        using var ownedScope = scope;
        // stdin stays open while the worker lives: its end-of-file tells the worker we are gone (ParentWatch).
        if (launch.Input?.Invoke(scope) is { } input)
        {
            try
            {
                process.StandardInput.Write(input);
                process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // The worker is already gone; its exit says why.
            }
        }

        using var deadline = new CancellationTokenSource();
        Arm(deadline, launch.Timeouts[0]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        var captured = new CapturedOutput();
        var stderr = Task.Run(() => captured.ReadAsync(process.StandardError));
        int done = 0; // plugins that sent done; written by the pump, read after it completed
        // The protocol is read with blocking reads on a thread of its own: tens of thousands of lines handed one by one
        // through the thread pool cost more CPU (wake-ups and spinning) than the lines' contents.
        var stdout = Task.Factory.StartNew(() => Pump(process.StandardOutput.BaseStream, launch.Requests, launch.DoneTokens, (index, m) =>
        {
            onMessage(index, m);
            if (m is not WorkerDoneMessage) return;
            done = index + 1;
            if (done == launch.Requests.Count) return; // the last plugin's output stays for the exit
            scope.StartNextPlugin();
            Arm(deadline, launch.Timeouts[done]);
            launch.OnPluginDone?.Invoke(index, captured.Restart());
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // A violation ends the worker at once: nothing it sends afterwards can be trusted.
        _ = stdout.ContinueWith(t => { if (t.IsCompletedSuccessfully && t.Result is not null) scope.KillAll(); }, TaskScheduler.Default);
        var end = await ContainedProcess.WaitAsync(process, scope, Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        var ending = end.Ending switch
        {
            ContainedEnding.Cancelled when !ct.IsCancellationRequested => WorkerEnding.TimedOut,
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
        bool allDone = done == launch.Requests.Count;
        return new WorkerExit(ending, process.ExitCode, allDone, captured.Text(), null)
        {
            ProtocolViolation = violation, LimitExceeded = end.LimitExceeded, PluginsDone = done,
        };
    }

    private static void Arm(CancellationTokenSource deadline, TimeSpan timeout)
    {
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
        else deadline.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    /// <summary>Feeds checked messages to the handler until the channel ends; returns the protocol violation that
    /// ended it early (the caller then kills the worker), or null.</summary>
    private static string? Pump(Stream channel, IReadOnlyList<WorkerRequest> requests, IReadOnlyList<string>? doneTokens,
        Action<int, WorkerMessage> onMessage)
    {
        var reader = new ProtocolLineReader(channel, ProtocolLimits.MaxLineBytes);
        int index = 0;
        var sequence = new ProtocolSequence(requests[0]);
        Exception? handlerFailure = null;
        try
        {
            while (reader.TryReadLine(out var line))
            {
                var message = sequence.Accept(line);
                int plugin = index;
                if (message is WorkerDoneMessage done && doneTokens is not null && done.Token != doneTokens[index])
                    throw new ProtocolViolationException("a done message that the worker did not send (plugin code ending its run early)");
                if (message is WorkerDoneMessage && index + 1 < requests.Count) sequence = new ProtocolSequence(requests[++index]);
                if (handlerFailure is not null) continue;
                try
                {
                    onMessage(plugin, message);
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
}
