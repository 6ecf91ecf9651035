namespace NodeMonitor.Checks;

/// <summary>
/// A systemd service: running (ActiveState active) and enabled (UnitFileState enabled), asked of
/// systemctl once per resource. On a node where systemd is not PID 1 it fails saying so, rather than guessing.
/// </summary>
public sealed class ServiceResource : NodeResource
{
    private readonly string _unit;
    private readonly Lazy<Dictionary<string, string>?> _properties;

    internal ServiceResource(string name)
    {
        _unit = name.Contains('.') ? name : name + ".service";
        _properties = new Lazy<Dictionary<string, string>?>(ReadProperties);
    }

    public override string Description => $"service {_unit}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Running or Fact.Enabled))
        {
            return null;
        }

        // The test sd_booted(3) uses: this directory exists only when systemd is the init system.
        if (!Directory.Exists("/run/systemd/system"))
        {
            return Finding.Absent("systemd is not running on this node, so no service state can be read");
        }

        var properties = _properties.Value;
        if (properties is null)
        {
            return Finding.Absent("systemctl could not be run");
        }

        if (properties.GetValueOrDefault("LoadState") == "not-found")
        {
            return Finding.State(false, "no such unit");
        }

        return fact == Fact.Running
            ? Finding.State(properties.GetValueOrDefault("ActiveState") == "active", $"{properties.GetValueOrDefault("ActiveState")} ({properties.GetValueOrDefault("SubState")})")
            : Finding.State(properties.GetValueOrDefault("UnitFileState") == "enabled", properties.GetValueOrDefault("UnitFileState") ?? "unknown");
    }

    private Dictionary<string, string>? ReadProperties()
    {
        var result = CommandRunner.Run("systemctl", ["show", "--property=LoadState,ActiveState,SubState,UnitFileState", "--", _unit], TimeSpan.FromSeconds(10));
        if (result.StartFailure is not null || result.ExitCode != 0)
        {
            return null;
        }

        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }
}
