namespace NodeMonitor.Fleet;

/// <summary>
/// Which checks fail when: a steady set of failing nodes (check 0), nodes that flap each minute (check 1 toggles), and
/// a storm in which many nodes fail in the same minute (check 2, for five minutes). Seeded, so runs repeat.
/// </summary>
public sealed class Workload(FleetOptions options, IReadOnlyList<SimNode> nodes)
{
    public const int SteadyCheck = 0, FlapCheck = 1, StormCheck = 2, StormMinutes = 5;
    private readonly Random _random = new(options.Seed);

    /// <summary>Before the first minute: the steady failing nodes.</summary>
    public void Start()
    {
        foreach (var node in Pick(options.FailingPercent)) node.Failing[SteadyCheck] = true;
    }

    /// <summary>Changes for <paramref name="minute"/>; returns what changed, for the log.</summary>
    public string Apply(int minute, int? stormMinute)
    {
        int flapped = 0;
        foreach (var node in Pick(options.FlappingPercentPerMinute))
        {
            node.Failing[FlapCheck] = !node.Failing[FlapCheck];
            flapped++;
        }
        string storm = "";
        if (minute == stormMinute)
        {
            var hit = Pick(options.StormPercent).ToList();
            foreach (var node in hit) node.Failing[StormCheck] = true;
            storm = $" storm: {hit.Count} nodes fail";
        }
        if (minute == stormMinute + StormMinutes)
        {
            foreach (var node in nodes) node.Failing[StormCheck] = false;
            storm = " storm over";
        }
        return $"{flapped} flapped{storm}";
    }

    private IEnumerable<SimNode> Pick(double percent)
    {
        int count = (int)Math.Round(nodes.Count * percent / 100);
        return Enumerable.Range(0, count).Select(_ => nodes[_random.Next(nodes.Count)]).Distinct();
    }
}
