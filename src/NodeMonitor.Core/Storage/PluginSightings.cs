using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// What one run saw of one plugin's tests so far, against the states stored before the run: each sighting's new state is
/// written at once, unless only its last sighting moved (most tests, most runs); those are written together, a batch at a
/// time (20,000 tests: 20 statements instead of 20,000 upserts). The per-test rows worth keeping wait for
/// <see cref="RunWriter.FinishPlugin"/>, so a run's rows keep the order of its plugins and tests however the plugins
/// interleaved while they ran.
/// </summary>
internal sealed class PluginSightings(RunWriter writer, string plugin, Dictionary<string, TestState> states)
{
    private const int LastSeenBatch = 1000;

    private readonly Dictionary<string, long> _onlySeenAgain = new(StringComparer.Ordinal);
    private readonly List<(TestObservation Seen, TestOutcome? PreviousOutcome)> _kept = [];
    private readonly List<TestObservation> _seen = [];

    public string Plugin => plugin;

    /// <summary>Every observation so far, in order (the plugin itself last, once finished).</summary>
    public IReadOnlyList<TestObservation> Seen => _seen;

    /// <summary>The per-test rows to keep, in the order seen.</summary>
    public IReadOnlyList<(TestObservation Seen, TestOutcome? PreviousOutcome)> Kept => _kept;

    public void See(TestObservation seen)
    {
        _seen.Add(seen);
        var previous = states.GetValueOrDefault(seen.FullName);
        var change = TestStateChange.Apply(plugin, previous, seen);
        if (change.KeepsRecord) _kept.Add((seen, change.PreviousOutcome));
        if (previous is not null && change.Next with { LastSeen = previous.LastSeen } == previous)
        {
            _onlySeenAgain[seen.FullName] = StoredValues.Time(change.Next.LastSeen);
            if (_onlySeenAgain.Count >= LastSeenBatch) WriteLastSeen();
        }
        else
        {
            // A later full write of the same name must not be undone by an earlier sighting still waiting in the batch.
            _onlySeenAgain.Remove(seen.FullName);
            writer.SaveState(change.Next);
        }
        // A name seen twice in one plugin (two assemblies, duplicate test cases) compares with its latest sighting.
        states[seen.FullName] = change.Next;
    }

    /// <summary>Writes the sightings that only moved a test's last sighting and are still waiting.</summary>
    public void WriteLastSeen()
    {
        if (_onlySeenAgain.Count == 0) return;
        writer.UpdateLastSeen(plugin, _onlySeenAgain);
        _onlySeenAgain.Clear();
    }
}
