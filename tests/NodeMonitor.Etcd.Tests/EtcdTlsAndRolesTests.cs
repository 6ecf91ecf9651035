using System.Diagnostics;
using NodeMonitor.Tests.Shared;
using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Etcd.Tests;

/// <summary>
/// A second real etcd with TLS (certificates made here with openssl), client-certificate authentication and auth
/// enabled, with per-node roles made by build/services/etcd-node-role.sh: a node reports with its own user and
/// cannot touch another node's key.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public sealed class EtcdTlsAndRolesTests
{
    private const string Prefix = "/nm-tls-test/";
    private static readonly string ServicesDir = Path.Combine(RealServices.Root, "artifacts", $"services-etcd-tls-tests-{Environment.ProcessId}");
    private static int[] _ports = []; // client, peer
    private static int Port => _ports[0];
    private static string Endpoint => $"https://127.0.0.1:{Port}";

    private readonly string _rootPassword = "root-" + Guid.NewGuid().ToString("N");
    private readonly string _passwordA = "node-a-" + Guid.NewGuid().ToString("N");
    private readonly string _passwordB = "node-b-" + Guid.NewGuid().ToString("N");
    private readonly string _viewerPassword = "viewer-" + Guid.NewGuid().ToString("N");
    private string _tls = "";

    [OneTimeSetUp]
    public void StartEtcdWithTlsAndRoles()
    {
        _tls = Directory.CreateTempSubdirectory("nm-etcd-tls-").FullName;
        MakeCertificates(_tls);
        _ports = LoopbackPorts.StartOnFreePorts(2, ports =>
        {
            _ports = ports;
            Etcd("start");
        });
        Roles(["enable-auth"], new() { ["NM_ETCD_ROOT_PASSWORD"] = _rootPassword });
        Roles(["node", "node-a"], new() { ["NM_ETCD_ROOT_PASSWORD"] = _rootPassword, ["NM_ETCD_USER_PASSWORD"] = _passwordA });
        Roles(["node", "node-b"], new() { ["NM_ETCD_ROOT_PASSWORD"] = _rootPassword, ["NM_ETCD_USER_PASSWORD"] = _passwordB });
        Roles(["viewer"], new() { ["NM_ETCD_ROOT_PASSWORD"] = _rootPassword, ["NM_ETCD_USER_PASSWORD"] = _viewerPassword });
    }

    [OneTimeTearDown]
    public void StopEtcd()
    {
        try
        {
            Etcd("clean");
        }
        finally
        {
            Directory.Delete(_tls, recursive: true);
            if (Directory.Exists(ServicesDir)) Directory.Delete(ServicesDir, recursive: true);
        }
    }

    [Test]
    public async Task ANodeReportsAFailureOverTlsWithItsOwnUserAndItsRecoveryDeletesTheKey()
    {
        string state = Directory.CreateTempSubdirectory("nm-tls-state-").FullName;
        try
        {
            using var store = LocalStore.Open(state, RetentionPolicy.Default);
            using var outbox = CentralOutbox.Open(state);
            var settings = Settings("nodemonitor-node-node-a", _passwordA);
            using var client = EtcdConnection.Create(settings);
            var reporter = new CentralReporter("node-a", outbox, null, new EtcdFailureRecords(client, settings),
                new ReportSettings { Budget = TimeSpan.FromSeconds(10) }, TimeSpan.FromSeconds(5));
            var run = Runs.Make("node-a", ["Disk.HasSpace"]);
            store.Write(run);

            var outcome = await reporter.ReportAsync(run, store.CurrentStates(), _ => 0, CancellationToken.None);

            Assert.That(outcome.Error, Is.Null);
            Assert.That(outcome.Pending, Is.Zero);
            using var root = EtcdConnection.Create(Settings("root", _rootPassword));
            var record = FailureRecord.FromJson(await root.GetValAsync(Prefix + "failures/node-a", deadline: Soon()));
            Assert.That(record?.Node, Is.EqualTo("node-a"));
            Assert.That(record?.FailingTests, Is.EqualTo(new[] { "checks: Disk.HasSpace" }));

            var healthy = Runs.Make("node-a", []);
            store.Write(healthy);
            var recovery = await reporter.ReportAsync(healthy, store.CurrentStates(), _ => 0, CancellationToken.None);

            Assert.That(recovery.Enqueued, Is.EqualTo(ReportKind.Recovery));
            Assert.That(recovery.Error, Is.Null);
            Assert.That(await root.GetValAsync(Prefix + "failures/node-a", deadline: Soon()), Is.Empty);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Test]
    public async Task ANodeCannotWriteOrDeleteAnotherNodesKey()
    {
        var settingsB = Settings("nodemonitor-node-node-b", _passwordB);
        using var clientB = EtcdConnection.Create(settingsB);
        await new EtcdFailureRecords(clientB, settingsB).PutIfDifferentAsync("node-b", "{\"node\":\"node-b\"}", Soon(), default);
        var settingsA = Settings("nodemonitor-node-node-a", _passwordA);
        using var clientA = EtcdConnection.Create(settingsA);
        var recordsA = new EtcdFailureRecords(clientA, settingsA);

        var write = Assert.ThrowsAsync<CentralDeliveryException>(() => recordsA.PutIfDifferentAsync("node-b", "{\"node\":\"forged\"}", Soon(), default));
        var delete = Assert.ThrowsAsync<CentralDeliveryException>(() => recordsA.DeleteAsync("node-b", Soon(), default));

        TestContext.Out.WriteLine(write!.Message);
        TestContext.Out.WriteLine(delete!.Message);
        Assert.That(write.Message, Does.Contain("PermissionDenied").And.Contain(Prefix + "failures/node-b").And.Not.Contain(_passwordA));
        Assert.That(delete.Message, Does.Contain("PermissionDenied").And.Contain(Prefix + "failures/node-b").And.Not.Contain(_passwordA));
        Assert.That(await clientB.GetValAsync(Prefix + "failures/node-b", deadline: Soon()), Is.EqualTo("{\"node\":\"node-b\"}"));
    }

    [Test]
    public async Task ANodesHeartbeatUnderItsRoleWritesItsOwnKeyAndNotAnotherNodes()
    {
        var settings = Settings("nodemonitor-node-node-a", _passwordA);
        using var client = EtcdConnection.Create(settings);
        var heartbeat = new EtcdHeartbeat(client, settings);

        await heartbeat.WriteAsync("node-a", "{\"node\":\"node-a\"}", new HeartbeatLease(null, TimeSpan.FromMinutes(1)), Soon(), default);
        var other = Assert.ThrowsAsync<CentralDeliveryException>(() =>
            heartbeat.WriteAsync("node-b", "{\"node\":\"node-b\"}", new HeartbeatLease(null, TimeSpan.FromMinutes(1)), Soon(), default));

        Assert.That(await client.GetValAsync(Prefix + "nodes/node-a", deadline: Soon()), Is.EqualTo("{\"node\":\"node-a\"}"));
        Assert.That(other!.Message, Does.Contain("PermissionDenied").And.Contain(Prefix + "nodes/node-b"));
    }

    [Test]
    public void ANodeCannotReadOtherKeysUnderThePrefix()
    {
        var settings = Settings("nodemonitor-node-node-a", _passwordA);
        using var client = EtcdConnection.Create(settings);

        var list = Assert.ThrowsAsync<CentralDeliveryException>(() => new EtcdFailureRecords(client, settings).ListAsync(Soon(), default));

        Assert.That(list!.Message, Does.Contain("PermissionDenied"));
    }

    [Test]
    public async Task TheViewerReadsEveryFailureAndCannotWrite()
    {
        var settingsB = Settings("nodemonitor-node-node-b", _passwordB);
        using var clientB = EtcdConnection.Create(settingsB);
        string recordB = FailureRecord.From(new FailureState("node-b", "run-1", DateTimeOffset.UtcNow,
            [new HardFailure("checks", "Net.Gateway", DateTimeOffset.UtcNow, 1, "down")]), null).ToJson();
        await new EtcdFailureRecords(clientB, settingsB).PutIfDifferentAsync("node-b", recordB, Soon(), default);
        var viewerSettings = Settings("nodemonitor-viewer", _viewerPassword);
        using var viewer = EtcdConnection.Create(viewerSettings);
        var records = new EtcdFailureRecords(viewer, viewerSettings);

        var failing = await records.ListAsync(Soon(), default);
        var write = Assert.ThrowsAsync<CentralDeliveryException>(() => records.DeleteAsync("node-b", Soon(), default));

        Assert.That(failing.Select(r => r.Node), Does.Contain("node-b"));
        Assert.That(write!.Message, Does.Contain("PermissionDenied"));
    }

    [Test]
    public void AWrongPasswordIsAClearErrorThatDoesNotContainThePassword()
    {
        string wrong = "wrong-" + Guid.NewGuid().ToString("N");
        var settings = Settings("nodemonitor-node-node-a", wrong);
        using var client = EtcdConnection.Create(settings);

        var e = Assert.ThrowsAsync<CentralDeliveryException>(() =>
            new EtcdFailureRecords(client, settings).PutIfDifferentAsync("node-a", "{}", Soon(), default));

        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.Message, Does.Contain("authentication failed").And.Not.Contain(wrong));
        Assert.That(e.ToString(), Does.Not.Contain(wrong), "not in inner exceptions either");
    }

    [Test]
    public void AClientThatDoesNotTrustTheCaIsRefused()
    {
        var settings = Settings("nodemonitor-node-node-a", _passwordA) with { CaFile = null };
        using var client = EtcdConnection.Create(settings);

        var e = Assert.ThrowsAsync<CentralDeliveryException>(() =>
            new EtcdFailureRecords(client, settings).PutIfDifferentAsync("node-a", "{}", Soon(), default));

        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.ToString(), Does.Contain("certificate").IgnoreCase.And.Not.Contain(_passwordA));
    }

    [Test]
    public void AClientWithoutAClientCertificateIsRefused()
    {
        var settings = Settings("nodemonitor-node-node-a", _passwordA) with { CertFile = null, KeyFile = null };
        using var client = EtcdConnection.Create(settings);

        // etcd closes the connection after the handshake; gRPC may retry that until the deadline, so keep it short.
        var e = Assert.ThrowsAsync<CentralDeliveryException>(() =>
            new EtcdFailureRecords(client, settings).PutIfDifferentAsync("node-a", "{}", DateTime.UtcNow.AddSeconds(2), default));

        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.Message, Does.StartWith("etcd write").And.Not.Contain(_passwordA));
    }

    private EtcdSettings Settings(string user, string password) => new([Endpoint])
    {
        Prefix = Prefix,
        Username = user,
        Password = password,
        CaFile = Path.Combine(_tls, "ca.pem"),
        CertFile = Path.Combine(_tls, "client.pem"),
        KeyFile = Path.Combine(_tls, "client-key.pem"),
    };

    private static DateTime Soon() => DateTime.UtcNow.AddSeconds(5);

    /// <summary>A CA, a server certificate for IP 127.0.0.1 and a client certificate whose CN is no etcd user
    /// (with --client-cert-auth etcd takes the CN as the user of a request that carries no token).</summary>
    private static void MakeCertificates(string dir)
    {
        void Openssl(params string[] args) => Run("openssl", args, dir, []);
        File.WriteAllText(Path.Combine(dir, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        File.WriteAllText(Path.Combine(dir, "client.ext"), "extendedKeyUsage=clientAuth\n");
        Openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=nodemonitor-test-ca");
        foreach (var (name, cn) in new[] { ("server", "127.0.0.1"), ("client", "nodemonitor-test-client") })
        {
            Openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}-key.pem", "-out", $"{name}.csr", "-subj", $"/CN={cn}");
            Openssl("x509", "-req", "-in", $"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", $"{name}.pem", "-days", "2", "-extfile", $"{name}.ext");
        }
    }

    private void Etcd(string verb) => Run(Path.Combine(RealServices.Root, "build", "services", "etcd.sh"), [verb], RealServices.Root, new()
    {
        ["NM_SERVICES_DIR"] = ServicesDir,
        ["NM_ETCD_PORT"] = _ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NM_ETCD_PEER_PORT"] = _ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NM_ETCD_TLS_DIR"] = _tls,
        ["NM_ETCD_CLIENT_CERT_AUTH"] = "1",
    });

    private string Roles(string[] args, Dictionary<string, string> environment)
    {
        environment["NM_ETCD_ENDPOINTS"] = Endpoint;
        environment["NM_ETCD_CACERT"] = Path.Combine(_tls, "ca.pem");
        environment["NM_ETCD_CERT"] = Path.Combine(_tls, "client.pem");
        environment["NM_ETCD_KEY"] = Path.Combine(_tls, "client-key.pem");
        environment["NM_ETCD_PREFIX"] = Prefix;
        return Run(Path.Combine(RealServices.Root, "build", "services", "etcd-node-role.sh"), args, RealServices.Root, environment);
    }

    private static string Run(string file, string[] args, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
