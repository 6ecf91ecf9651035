namespace NodeMonitor.Extension.Tests;

/// <summary>The listener must never fail a `dotnet test`: problems become one warning line on stderr.</summary>
[NonParallelizable]
public class NodeMonitorEventListenerTests
{
    private readonly Dictionary<string, string?> _saved = [];
    private string _dir = "";

    [SetUp]
    public void IsolateEnvironment()
    {
        _dir = Directory.CreateTempSubdirectory("nm-ext-").FullName;
        foreach (var key in new[] { "NODEMONITOR_CONFIG", "NODEMONITOR_STATE_DIRECTORY", "NODEMONITOR_SERVE_TOKEN", DeskRecording.SwitchVariable })
            _saved[key] = Environment.GetEnvironmentVariable(key);
        Environment.SetEnvironmentVariable("NODEMONITOR_CONFIG", null);
        Environment.SetEnvironmentVariable(DeskRecording.SwitchVariable, null);
    }

    [TearDown]
    public void RestoreEnvironment()
    {
        foreach (var (k, v) in _saved) Environment.SetEnvironmentVariable(k, v);
        Directory.Delete(_dir, true);
    }

    [Test]
    public void AnUnusableStateDirectoryIsAWarningNotAFailure()
    {
        string blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "");
        Environment.SetEnvironmentVariable("NODEMONITOR_STATE_DIRECTORY", Path.Combine(blocker, "state"));

        string stderr = RunWithStderr(() => Feed(new NodeMonitorEventListener()));
        Assert.That(stderr, Does.Contain("NodeMonitor extension: warning: this run is not stored locally"));
    }

    [Test]
    public void ABrokenConfigurationIsAWarningNotAFailure()
    {
        string config = Path.Combine(_dir, "nodemonitor.json");
        File.WriteAllText(config, """{ "nodee": "x" }""");
        Environment.SetEnvironmentVariable("NODEMONITOR_CONFIG", config);

        string stderr = RunWithStderr(() => Feed(new NodeMonitorEventListener()));
        Assert.That(stderr, Does.Contain("this run is not recorded: configuration error").And.Contain("nodee"));
    }

    [Test]
    public void ARunIsStoredInTheConfiguredStateDirectory()
    {
        string state = Path.Combine(_dir, "state");
        Environment.SetEnvironmentVariable("NODEMONITOR_STATE_DIRECTORY", state);

        string stderr = RunWithStderr(() => Feed(new NodeMonitorEventListener()));
        using var store = Core.Storage.LocalStore.Open(state, Core.Storage.RetentionPolicy.Default);
        Assert.That(store.LastRun()?.Counts.Total, Is.EqualTo(1), stderr);
    }

    [Test]
    public void ASecretATestPrintsIsNotStored()
    {
        const string Secret = "desk-token-8a1f";
        string state = Path.Combine(_dir, "state");
        Environment.SetEnvironmentVariable("NODEMONITOR_STATE_DIRECTORY", state);
        Environment.SetEnvironmentVariable("NODEMONITOR_SERVE_TOKEN", Secret);
        var listener = new NodeMonitorEventListener();

        listener.OnTestEvent("""<start-run count="1" />""");
        listener.OnTestEvent("""<start-suite id="0-2" parentId="" name="C.dll" fullname="/p/C.dll" type="Assembly" />""");
        listener.OnTestEvent($"""<test-case id="0-1" parentId="0-2" name="T" fullname="C.T" result="Failed"><failure><message>token {Secret}</message></failure><output>env {Secret}</output></test-case>""");
        listener.OnTestEvent("""<test-suite type="Assembly" id="0-2" parentId="" name="C.dll" result="Failed" />""");
        listener.OnTestEvent("""<test-run id="2" result="Failed" total="1" />""");

        using (var store = Core.Storage.LocalStore.Open(state, Core.Storage.RetentionPolicy.Default))
            Assert.That(store.CurrentStates().Single(t => t.FullName == "C.T").Message, Is.EqualTo("token ***"));
        foreach (string file in Directory.EnumerateFiles(state))
            Assert.That(File.ReadAllText(file), Does.Not.Contain(Secret), file);
    }

    [TestCase("off")]
    [TestCase("0")]
    [TestCase("false")]
    public void TheSwitchVariableTurnsRecordingOff(string value)
    {
        string state = Path.Combine(_dir, "state");
        Environment.SetEnvironmentVariable("NODEMONITOR_STATE_DIRECTORY", state);
        Environment.SetEnvironmentVariable(DeskRecording.SwitchVariable, value);

        Feed(new NodeMonitorEventListener());
        Assert.That(Directory.Exists(state), Is.False);
    }

    private static void Feed(NodeMonitorEventListener listener)
    {
        listener.OnTestEvent("""<start-run count="1" />""");
        listener.OnTestEvent("""<start-suite id="0-2" parentId="" name="C.dll" fullname="/p/C.dll" type="Assembly" />""");
        listener.OnTestEvent("""<test-case id="0-1" parentId="0-2" name="T" fullname="C.T" result="Passed" />""");
        listener.OnTestEvent("""<test-suite type="Assembly" id="0-2" parentId="" name="C.dll" result="Passed" />""");
        listener.OnTestEvent("""<test-run id="2" result="Passed" total="1" />""");
    }

    private static string RunWithStderr(Action action)
    {
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            Assert.DoesNotThrow(() => action());
        }
        finally
        {
            Console.SetError(original);
        }
        return captured.ToString();
    }
}
