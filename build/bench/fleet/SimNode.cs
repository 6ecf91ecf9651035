using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Fleet;

/// <summary>
/// One simulated node: its own real store file (spool and heartbeat ledger), its checks' consecutive failures, and its
/// runs through NodeMonitor's real <see cref="CentralReporter"/> and <see cref="HeartbeatSender"/>. Only the test results
/// are made up; what is decided, spooled, retried and written is NodeMonitor's own code.
/// </summary>
public sealed class SimNode(string name, int checks, string stateDirectory, TimeSpan phase, DateTimeOffset heartbeatWritten,
    NodePublication published)
{
    public const string Plugin = "fleet-checks";
    private readonly int[] _consecutive = new int[checks];
    private readonly DateTimeOffset[] _since = new DateTimeOffset[checks];
    private readonly bool[] _lastFailing = new bool[checks];
    private StoreDatabase? _store;
    private int _lastMinute = -1;
    private HeartbeatStatus? _heartbeat = new(0, heartbeatWritten, null, heartbeatWritten, null) { Published = published.Fingerprint };
    private DeliveryStatus? _delivery;
    private DateTime? _spooledSince;

    public string Name { get; } = name;

    /// <summary>Where in the minute this node's cron job runs.</summary>
    public TimeSpan Phase { get; } = phase;

    /// <summary>Which checks fail on the next run (set by the workload).</summary>
    public bool[] Failing { get; } = new bool[checks];

    /// <summary>The failure signature the centre should hold for this node after its last run (null: healthy).</summary>
    public string? ExpectedSignature { get; private set; }

    /// <summary>Reports waiting in this node's spool after its last run.</summary>
    public int Pending { get; private set; }

    /// <summary>
    /// True when a run at <paramref name="minute"/> cannot send anything, by NodeMonitor's own rules: the same results
    /// as the last run, failures already hard, nothing spooled, the heartbeat not due (<see cref="HeartbeatSchedule"/>)
    /// and no failure due for its refresh (<see cref="ClockSchedule"/>), judged 5 s into the run to be safe. Such runs
    /// are skipped (a sample of nodes runs every minute and proves they write nothing).
    /// </summary>
    public bool IsQuiet(DateTimeOffset minute, ReportSettings report, int retries)
    {
        var at = minute + Phase + TimeSpan.FromSeconds(5);
        if (Pending > 0 || !Failing.AsSpan().SequenceEqual(_lastFailing)) return false;
        for (int i = 0; i < Failing.Length; i++)
            if (Failing[i] && _consecutive[i] <= retries) return false;
        if (HeartbeatSchedule.IsDue(_heartbeat, report.HeartbeatInterval, at) || _heartbeat?.Published != published.Fingerprint) return false;
        return _delivery is not { IntendedSignature: not null, IntendedAt: { } intended } || !ClockSchedule.HasPassed(intended, report.Refresh, at);
    }

    public async Task<CentralReportOutcome> RunAsync(int minuteNumber, DateTimeOffset minute, FleetServices services, RunTally tally,
        CancellationToken ct)
    {
        _store ??= StoreDatabase.OpenIn(stateDirectory);
        var outbox = CentralOutbox.On(_store);
        var ledger = HeartbeatLedger.On(_store);
        var clock = new SimClock(minute + Phase);
        var start = clock.GetUtcNow();
        int elapsedRuns = _lastMinute < 0 ? 1 : minuteNumber - _lastMinute;
        var tests = new List<TestCaseResult>(Failing.Length);
        var states = new List<TestState>(Failing.Length);
        for (int i = 0; i < Failing.Length; i++)
        {
            bool failed = Failing[i];
            if (failed != _consecutive[i] > 0 || _since[i] == default) _since[i] = start;
            // Skipped quiet minutes were runs too: a failing check kept failing through them.
            _consecutive[i] = failed ? (_consecutive[i] > 0 ? _consecutive[i] + elapsedRuns : 1) : 0;
            _lastFailing[i] = failed;
            string check = CheckName(i);
            string? message = failed ? $"{check}: 97.1% used, critical above 90% (NM_DISK_CRIT_PERCENT)" : null;
            tests.Add(new TestCaseResult(Plugin, "FleetChecks.dll", check, "Fleet.Checks", $"Check{i:00}",
                failed ? TestOutcome.Failed : TestOutcome.Passed, null, null, start, TimeSpan.FromMilliseconds(20), message,
                failed ? "   at Fleet.Checks.Check() in Checks.cs:line 42" : null, null, 1, [], []));
            states.Add(new TestState(Plugin, check, failed ? TestOutcome.Failed : TestOutcome.Passed, _since[i], start, _consecutive[i], message));
        }
        _lastMinute = minuteNumber;
        var plugin = new PluginResult(Plugin, ["FleetChecks.dll"], PluginStatus.Completed, null, null, null, start,
            TimeSpan.FromSeconds(1), tests);
        var run = new RunResult(RunResult.NewRunId(start), Name, start, start + TimeSpan.FromSeconds(1), [plugin]);
        ExpectedSignature = FailureStateEvaluator.Evaluate(run, states, _ => services.Retries)?.Signature;

        var origin = new RunOrigin(run.RunId, DateTime.UtcNow, _spooledSince, services.InFaultMinute);
        var reporter = new CentralReporter(Name, outbox, services.Bundles(clock, tally), services.Records(Name, clock, tally, origin),
            services.Report, services.CallDeadline, clock);
        var outcome = await reporter.ReportAsync(run, states, _ => services.Retries, ct);
        Pending = outcome.Pending;
        _spooledSince = Pending == 0 ? null : _spooledSince ?? origin.RanAt;
        var sender = new HeartbeatSender(ledger, services.Heartbeat(Name, clock, tally), services.Report.HeartbeatInterval,
            services.CallDeadline, clock);
        await sender.BeatIfDueAsync(run, published, run.EndTime.UtcDateTime + services.Report.Budget, ct);
        _heartbeat = ledger.Read();
        _delivery = outbox.Status();
        // Like a node's process ending after its run: the store file is closed (a machine has too few file
        // descriptors to hold every simulated node's store open).
        _store.Dispose();
        return outcome;
    }

    public static string CheckName(int i) => $"Fleet.Checks.Check{i:00}";

    /// <summary>The labels (from the configuration) and facts (published by tests) of the nodes of template
    /// <paramref name="k"/>: a role, a rack and a zone, the kernel and the core count.</summary>
    public static NodePublication Publication(int k) => new(
        new Dictionary<string, string> { ["role"] = Roles[k % Roles.Length], ["rack"] = $"rack-{k:00}", ["zone"] = $"zone-{k % 3}" },
        new Dictionary<string, string> { ["kernel"] = "6.1.0-18-amd64", ["cores"] = (8 << (k % 3)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        0);

    private static readonly string[] Roles = ["web", "db", "cache", "batch", "storage"];
}
