using System.Diagnostics;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Execution.Containment;

namespace NodeMonitor.Execution.Tests.Containment;

/// <summary>Real processes started the way workers and Nagios commands are, and what is left of them afterwards.</summary>
[Category("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ContainedProcessTests
{
    private static PluginDescriptor Plugin(PluginLimits? limits = null) =>
        new("contained", Path.GetTempPath(), [], PluginManifest.Default with { Limits = limits ?? PluginLimits.Default });

    private static Process Shell(string script)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return new Process { StartInfo = info };
    }

    private static bool IsAlive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'); }
        catch (IOException) { return false; }
    }

    [Test]
    public async Task EverythingTheProcessStartedIsGoneWhenItEnds()
    {
        // A background job, a daemon in its own session, and one that also emptied its environment.
        string dir = Directory.CreateTempSubdirectory("nm-contained-").FullName;
        using var process = Shell($"cd {dir}; sleep 1000 & echo $! > a; setsid -f sh -c 'echo $$ > b.tmp; mv b.tmp b; exec sleep 1000'; " +
            "env -i /usr/bin/setsid -f /bin/sh -c 'echo $$ > c.tmp; mv c.tmp c; exec sleep 1000'; " +
            "while [ ! -f b ] || [ ! -f c ]; do sleep 0.05; done; cat a b c");
        using var scope = ContainedProcess.Start(process, Plugin(), "node-1");
        var end = await ContainedProcess.WaitAsync(process, scope, TimeSpan.FromSeconds(30), CancellationToken.None);
        var pids = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

        Directory.Delete(dir, recursive: true);
        Assert.That(end, Is.EqualTo(new ContainedExit(ContainedEnding.Exited, null)));
        Assert.That(pids, Has.Count.EqualTo(3));
        var survivors = pids.Where(IsAlive).ToList();
        if (scope.HasCgroup) Assert.That(survivors, Is.Empty);
        else Assert.That(survivors, Has.Count.LessThanOrEqualTo(1), "without a cgroup only the daemon with an empty environment can escape");
    }

    [Test]
    public async Task TheEnvironmentIsTheCleanOneWithTheMark()
    {
        using var process = Shell("env");
        using var scope = ContainedProcess.Start(process, Plugin(), "node-1");
        string output = await process.StandardOutput.ReadToEndAsync();
        await ContainedProcess.WaitAsync(process, scope, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(output, Does.Contain($"{ChildEnvironment.MarkVariable}={scope.Mark}").And.Contain("NODEMONITOR_NODE=node-1"));
    }

    [Test]
    public async Task ACpuLimitEndsTheProcessWithTheLimitNamed()
    {
        using var process = Shell("while :; do :; done");
        using var scope = ContainedProcess.Start(process, Plugin(new PluginLimits(512, 1, null)), null);
        var end = await ContainedProcess.WaitAsync(process, scope, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.That(end.LimitExceeded, Is.EqualTo("CPU limit 1 s exceeded"));
    }

    [Test]
    public void AnUnknownUserIsAStartErrorNamingIt()
    {
        using var process = Shell("true");
        Assert.That(() => ContainedProcess.Start(process, Plugin(new PluginLimits(512, 60, "no-such-account-4711")), null),
            Throws.TypeOf<ChildStartException>().With.Message.Contains("user 'no-such-account-4711'"));
    }
}
