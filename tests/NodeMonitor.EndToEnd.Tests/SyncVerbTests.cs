using System.Net;
using System.Net.Sockets;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`nodemonitor sync` as a process, without a Swift to talk to (the upload itself is tested against the real Swift
/// in NodeMonitor.Etcd.Tests).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class SyncVerbTests
{
    private const string Node = "e2e-sync";

    [Test]
    public void WithoutASwiftSectionSyncIsAConfigurationErrorThatSaysWhy()
    {
        using var ws = new Workspace();

        var sync = CliRun.Invoke("sync", "--state", ws.State, "--node", Node);

        Assert.That(sync.ExitCode, Is.EqualTo(2), sync.ToString());
        Assert.That(sync.Stderr, Does.Contain("no swift section"), sync.ToString());
    }

    [Test]
    public void ADryRunOnANodeThatNeverRanHasNothingToSyncAndCreatesNoStore()
    {
        using var ws = new Workspace();

        var dryRun = CliRun.Invoke("sync", "--dry-run", "--state", ws.State, "--node", Node);

        Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.ToString());
        Assert.That(dryRun.Stdout, Does.Contain("Nothing to sync"));
        Assert.That(Directory.Exists(ws.State), Is.False);
    }

    [Test]
    public void ADryRunAfterARunNamesTheObjectItWouldUploadAndMarksNothing()
    {
        using var ws = new Workspace("nunit4");
        CliRun.Invoke(ws.RunArgs("--node", Node));

        var first = CliRun.Invoke("sync", "--dry-run", "--state", ws.State, "--node", Node);
        var second = CliRun.Invoke("sync", "--dry-run", "--state", ws.State, "--node", Node);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(first.Stdout, Does.Match($@"would upload nodemonitor/{Node}/passed/\d{{4}}-\d\d-\d\d/\S+_\S+\.jsonl\.gz: 1 run,"));
        Assert.That(first.Stdout, Does.Contain("nothing was sent or marked"));
        Assert.That(second.Stdout, Is.EqualTo(first.Stdout), "a dry run marks nothing");
    }

    [Test]
    public void WhenSwiftCannotBeReachedSyncExitsThreeAndTheRunsStayUnsynced()
    {
        using var ws = new Workspace("nunit4");
        string config = SwiftConfig(ws, $"http://127.0.0.1:{ClosedPort()}/auth/v1.0");
        CliRun.Invoke(ws.RunArgs("--node", Node));

        var sync = CliRun.Invoke("sync", "--config", config, "--state", ws.State, "--node", Node);
        var dryRun = CliRun.Invoke("sync", "--dry-run", "--config", config, "--state", ws.State, "--node", Node);

        Assert.That(sync.ExitCode, Is.EqualTo(3), sync.ToString());
        Assert.That(sync.Stderr, Does.Contain("cannot sync").And.Contain("1 run waits for the next sync"), sync.ToString());
        Assert.That(sync.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(dryRun.Stdout, Does.Contain("1 run in 1 object"), dryRun.ToString());
    }

    [Test]
    public void WhileARunHoldsTheLockSyncExitsThreeWithoutTouchingSwift()
    {
        using var ws = new Workspace();
        string config = SwiftConfig(ws, $"http://127.0.0.1:{ClosedPort()}/auth/v1.0");
        Directory.CreateDirectory(ws.State);
        using var heldLock = new FileStream(Path.Combine(ws.State, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var sync = CliRun.Invoke("sync", "--config", config, "--state", ws.State, "--node", Node);

        Assert.That(sync.ExitCode, Is.EqualTo(3), sync.ToString());
        Assert.That(sync.Stderr, Does.Contain("holds the lock"), sync.ToString());
    }

    private static string SwiftConfig(Workspace ws, string authUrl)
    {
        string path = ws.File("nodemonitor.json");
        File.WriteAllText(path, $$"""
            { "swift": { "authUrl": "{{authUrl}}", "user": "test:tester", "key": "testing", "deadlineSeconds": 2 } }
            """);
        return path;
    }

    /// <summary>A loopback port nothing listens on (connections are refused at once).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
