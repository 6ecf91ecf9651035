namespace NodeMonitor.Checks.Tests.Resources;

public sealed class CommandResourceTests
{
    [Test]
    public void A_command_reports_exit_code_stdout_and_stderr()
    {
        Assert.That(Resource.Command("echo out; echo err >&2; exit 3"),
            Its.ExitCode(3).And.Stdout(Is.EqualTo("out\n")).And.Stderr(Does.Contain("err")));
    }

    [Test]
    public void A_command_past_its_time_limit_is_killed_with_its_children_and_fails_clearly()
    {
        var token = $"{Random.Shared.Next(100, 999)}.{Random.Shared.Next(1000, 9999)}";
        var command = Resource.Command($"sh -c 'sleep {token}' & sleep {token}", TimeSpan.FromMilliseconds(300));

        var failure = Assert.Throws<AssertionException>(() => Assert.That(command, Its.ExitCode(0)));

        Assert.That(failure!.Message, Does.Contain("killed after its time limit of 0.3 s"));
        Assert.That(command, Its.Not.FinishedWithin(TimeSpan.FromSeconds(10)));
        Assert.That(ProcessesMentioning(token), Is.Empty, "the background child survived");
    }

    private static List<string> ProcessesMentioning(string token) => Directory.EnumerateDirectories("/proc")
        .Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0]))
        .Select(d => { try { return File.ReadAllText(d + "/cmdline").Replace('\0', ' '); } catch (IOException) { return ""; } })
        .Where(cmdline => cmdline.Contains(token, StringComparison.Ordinal))
        .ToList();

    [Test]
    public void A_quick_command_finishes_within_its_limit()
    {
        Assert.That(Resource.Command("true"), Its.ExitCode(0).And.FinishedWithin(TimeSpan.FromSeconds(30)));
    }
}
