using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>Turns a judgement into the NUnit outcome: critical fails, warning warns, ok passes with the numbers.</summary>
public static class Verdict
{
    public static void Report(Judgement judgement)
    {
        switch (judgement.Severity)
        {
            case Severity.Critical:
                Assert.Fail(judgement.Message);
                break;
            case Severity.Warning:
                Assert.Warn(judgement.Message);
                break;
            default:
                // The message of a passing check still lands in the local store: the numbers behind "all fine".
                Assert.Pass(judgement.Message);
                break;
        }
    }
}
