using System.Diagnostics;
using System.Globalization;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Fleet;

// The fleet simulator: N simulated nodes drive NodeMonitor's central reporting against a real three-member etcd
// cluster in simulated time, with faults, then the Sensu-style baseline on the same cluster. See build/bench/fleet.sh.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
FleetOptions options;
try
{
    options = FleetOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"fleet: {e.Message}");
    return 2;
}
return options.RealTimeOnlyWrites is { } writes ? await new RealTimeOnly(options, writes).RunAsync() : await new FleetRun(options).RunAsync();
