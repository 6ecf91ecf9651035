namespace NodeMonitor.Checks;

/// <summary>A kernel module: loaded when listed in /proc/modules or built in (present under /sys/module).</summary>
public sealed class KernelModuleResource(string name) : NodeResource
{
    public override string Description => $"kernel module {name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact != Fact.Present)
        {
            return null;
        }

        var canonical = name.Replace('-', '_');
        // /proc/modules is absent in kernels without module support and in some containers.
        var loaded = File.Exists("/proc/modules") && File.ReadLines("/proc/modules").Any(line => line.StartsWith(canonical + " ", StringComparison.Ordinal));
        if (loaded)
        {
            return Finding.State(true, "loaded");
        }

        return Directory.Exists("/sys/module/" + canonical)
            ? Finding.State(true, "built into the kernel")
            : Finding.State(false, "not loaded");
    }
}
