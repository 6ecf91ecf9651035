using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>build/test-progress.sh, which build/test.sh runs each test project through: passing results are counted
/// rather than printed, a failure is printed at once with its details, and the counts end in the summary line that
/// build/test.sh adds up.</summary>
[Category("Integration")]
public sealed class TestProgressTests
{
    private const string TestOutput = """
        Test run for /x/NodeMonitor.Core.Tests.dll (.NETCoreApp,Version=v10.0)
        A total of 1 test files matched the specified pattern.
          Passed FirstCheck [12 ms]
          Passed SecondCheck("a") [< 1 ms]
          Skipped NotToday [1 ms]
          Failed BrokenCheck [3 ms]
          Error Message:
           Expected: 3
          But was:  2
          Passed ThirdCheck [1 ms]

        Test Run Failed.
        Total tests: 5
        """;

    [Test]
    public void CountsPassesPrintsFailuresAndEndsWithTheSummaryLine()
    {
        string summary = Path.GetTempFileName();
        try
        {
            var run = ChildProcess.Run(Path.Combine(Repo.Root, "build", "test-progress.sh"), ["Core", summary], stdin: TestOutput.Replace("\n", "\r\n", StringComparison.Ordinal));

            const string Line = "Failed!  - Failed: 1, Passed: 3, Skipped: 1, Total: 5 - Core";
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Stdout, Does.Contain("  Failed BrokenCheck [3 ms]").And.Contain("But was:  2").And.Contain("Test Run Failed."));
            Assert.That(run.Stdout, Does.Not.Contain("FirstCheck").And.Not.Contain("ThirdCheck").And.Not.Contain("NotToday"));
            Assert.That(run.Stdout.TrimEnd(), Does.EndWith(Line));
            Assert.That(File.ReadAllText(summary).Trim(), Is.EqualTo(Line));
        }
        finally
        {
            File.Delete(summary);
        }
    }
}
