using NUnit.Framework;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Tests.Results;

public sealed class HeadTailTextTests
{
    [TestCase(0)]
    [TestCase(10)]
    [TestCase(11)]
    [TestCase(5000)]
    public void ReadsExactlyLikeOutputLimitsCapOfTheWholeText(int length)
    {
        string text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        var capture = new HeadTailText(10);
        foreach (var chunk in text.Chunk(3)) capture.Append(new string(chunk));
        Assert.That(capture.ToString(), Is.EqualTo(OutputLimits.Cap(text, 10)));
    }
}
