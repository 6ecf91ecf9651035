// 1,000 serverspec-style resource checks (src/NodeMonitor.Checks) on this node, the mix a node
// suite has: files and directories, packages, users and groups, sysctl values, ports, processes,
// mounts, the loopback interface, localhost DNS, a few commands. Run it with build/bench/resources.sh.
#:project ../../src/NodeMonitor.Checks/NodeMonitor.Checks.csproj
#:property SupportedOSPlatform=linux
#pragma warning disable CA1416 // Linux only, like the resources
using System.Diagnostics;
using NodeMonitor.Checks;
using NUnit.Framework.Constraints;

const double TargetSeconds = 0.5;
var files = Directory.EnumerateFiles("/etc", "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Take(250).ToList();
var directories = Directory.EnumerateDirectories("/usr", "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Take(100).ToList();
var packages = File.ReadLines("/var/lib/dpkg/status").Where(l => l.StartsWith("Package: ")).Select(l => l[9..]).Take(200).ToList();
var users = File.ReadLines("/etc/passwd").Select(l => l.Split(':')[0]).ToList();
var groups = File.ReadLines("/etc/group").Select(l => l.Split(':')[0]).ToList();
var sysctls = new[] { "kernel.ostype", "kernel.pid_max", "net.ipv4.ip_forward", "vm.swappiness", "fs.file-max" };

var checks = new List<(object Resource, IResolveConstraint Constraint)>();
void Add(int count, Func<int, (object, IResolveConstraint)> make) { for (var i = 0; i < count; i++) checks.Add(make(i)); }
Add(250, i => (Resource.File(files[i % files.Count]), Its.Present));
Add(100, i => (Resource.Directory(directories[i % directories.Count]), Its.Present.And.Owner("root")));
Add(50, i => (Resource.File("/etc/passwd"), Its.Mode("0644").And.Owner("root").And.Group("root")));
Add(200, i => (Resource.Package(packages[i % packages.Count]), Its.Installed.And.Version(NUnit.Framework.Is.Not.Empty)));
Add(100, i => (Resource.User(users[i % users.Count]), Its.Present));
Add(50, i => (Resource.Group(groups[i % groups.Count]), Its.Present));
Add(100, i => (Resource.KernelParameter(sysctls[i % sysctls.Length]), Its.Present));
Add(50, i => (Resource.Port(22 + i), Its.Not.Listening));
Add(25, i => (Resource.Process("dotnet"), Its.Running));
Add(25, i => (Resource.Mount("/"), Its.Present.And.FreeBytes(NUnit.Framework.Is.GreaterThan(0))));
Add(20, i => (Resource.Interface("lo"), Its.Up));
Add(15, i => (Resource.Dns("localhost"), Its.Resolvable));
Add(15, i => (Resource.Command("true"), Its.ExitCode(0)));

// Each pass makes fresh resource objects, as a new run does; the caches of /etc/passwd and the dpkg
// database persist within the process as they do within one plugin run.
var byKind = new Dictionary<string, double>();
(double Seconds, int Passed) Pass()
{
    var watch = Stopwatch.StartNew();
    var passed = 0;
    foreach (var (resource, constraint) in checks)
    {
        var before = watch.Elapsed.TotalSeconds;
        if (constraint.Resolve().ApplyTo(resource).IsSuccess) passed++;
        var kind = resource.GetType().Name;
        byKind[kind] = byKind.GetValueOrDefault(kind) + watch.Elapsed.TotalSeconds - before;
    }
    return (watch.Elapsed.TotalSeconds, passed);
}

var cold = Pass();
Console.WriteLine($"resource checks: {checks.Count} ({cold.Passed} passed)");
Console.WriteLine($"first pass (cold: JIT, first parse of passwd/group/dpkg): {cold.Seconds:0.000} s");
var warm = new List<double>();
for (var run = 0; run < 5; run++)
{
    var rebuilt = checks.Select(c => (Rebuild(c.Resource), c.Constraint)).ToList();
    checks.Clear();
    checks.AddRange(rebuilt);
    byKind.Clear();
    warm.Add(Pass().Seconds);
}
Console.WriteLine("last pass by resource type: " + string.Join(", ", byKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key.Replace("Resource", "")} {k.Value * 1000:0.0} ms")));
warm.Sort();
Console.WriteLine($"later passes (warm, median of 5): {warm[2]:0.000} s  (min {warm[0]:0.000}, max {warm[^1]:0.000})");
Console.WriteLine($"per check (warm median): {warm[2] / checks.Count * 1e6:0} µs");
Console.WriteLine($"target: 1,000 checks in <= {TargetSeconds} s wall (Goss: 1,122 in 0.05 s): cold {(cold.Seconds <= TargetSeconds ? "met" : "MISSED")}, warm {(warm[2] <= TargetSeconds ? "met" : "MISSED")}");

// A resource remembers what it read; a fresh object of the same description reads the node again.
static object Rebuild(object resource) => resource switch
{
    FileResource f when f.Description.StartsWith("directory ") => Resource.Directory(f.Description[10..]),
    FileResource f => Resource.File(f.Description[5..]),
    PackageResource p => Resource.Package(p.Description[8..]),
    PortResource p => Resource.Port(int.Parse(p.Description.Split(' ')[^1])),
    ProcessResource => Resource.Process("dotnet"),
    MountResource => Resource.Mount("/"),
    DnsResource => Resource.Dns("localhost"),
    CommandResource => Resource.Command("true"),
    _ => resource,
};
