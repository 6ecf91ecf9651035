using System.Globalization;

namespace NodeMonitor.Fleet;

/// <summary>Command-line options of the simulator (all have defaults; fleet.sh passes them through).</summary>
public sealed record FleetOptions
{
    public int Nodes { get; init; } = 10_000;
    public int Minutes { get; init; } = 60;
    public int Checks { get; init; } = 10;
    public double FailingPercent { get; init; } = 1;
    public double FlappingPercentPerMinute { get; init; } = 0.1;
    public double StormPercent { get; init; } = 5;
    public int Retries { get; init; }
    public int Channels { get; init; } = 4;
    public int Parallelism { get; init; } = 256;
    public int BaselineSample { get; init; } = 1000;
    public int BaselineMinutes { get; init; } = 5;
    public int SwiftSampleEvery { get; init; } = 100;
    public bool Faults { get; init; } = true;
    public int Seed { get; init; } = 16;
    public double DeadlineSeconds { get; init; } = 2;
    public string Endpoints { get; init; } = "http://127.0.0.1:22379,http://127.0.0.1:22389,http://127.0.0.1:22399";
    public string ClusterScript { get; init; } = "build/services/etcd-cluster.sh";
    public string StateDirectory { get; init; } = "/dev/shm/nodemonitor-fleet";
    public string Output { get; init; } = "artifacts/bench/fleet";
    public string? SwiftAuthUrl { get; init; }
    public string Prefix { get; init; } = "/nodemonitor-fleet/";
    public string? NotifyCli { get; init; }
    public double NotifyWindowSeconds { get; init; } = 10;

    /// <summary>Only the real-time window, at this many writes a minute (see <see cref="RealTimeOnly"/>).</summary>
    public double? RealTimeOnlyWrites { get; init; }

    public static FleetOptions Parse(string[] args)
    {
        var o = new FleetOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            double Dbl() => double.Parse(Value(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--nodes" => o with { Nodes = Int() },
                "--minutes" => o with { Minutes = Int() },
                "--checks" => o with { Checks = Int() },
                "--failing-percent" => o with { FailingPercent = Dbl() },
                "--flapping-percent" => o with { FlappingPercentPerMinute = Dbl() },
                "--storm-percent" => o with { StormPercent = Dbl() },
                "--retries" => o with { Retries = Int() },
                "--channels" => o with { Channels = Int() },
                "--parallel" => o with { Parallelism = Int() },
                "--baseline-sample" => o with { BaselineSample = Int() },
                "--baseline-minutes" => o with { BaselineMinutes = Int() },
                "--swift-sample-every" => o with { SwiftSampleEvery = Int() },
                "--no-faults" => o with { Faults = false },
                "--seed" => o with { Seed = Int() },
                "--deadline" => o with { DeadlineSeconds = Dbl() },
                "--endpoints" => o with { Endpoints = Value() },
                "--cluster-script" => o with { ClusterScript = Value() },
                "--state" => o with { StateDirectory = Value() },
                "--output" => o with { Output = Value() },
                "--swift-auth-url" => o with { SwiftAuthUrl = Value() },
                "--notify-cli" => o with { NotifyCli = Value() },
                "--notify-window" => o with { NotifyWindowSeconds = Dbl() },
                "--realtime-only" => o with { RealTimeOnlyWrites = Dbl() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Nodes < 10 || o.Minutes < 1 || o.Checks < 3 || o.Channels < 1 || o.Parallelism < 1 || o.SwiftSampleEvery < 1)
            throw new ArgumentException("--nodes >= 10, --minutes >= 1, --checks >= 3, --channels, --parallel, --swift-sample-every >= 1");
        return o with { BaselineSample = Math.Min(o.BaselineSample, o.Nodes) };
    }
}
