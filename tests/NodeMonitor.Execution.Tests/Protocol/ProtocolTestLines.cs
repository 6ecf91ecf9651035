using System.Text.Json;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Tests.Protocol;

/// <summary>What the protocol tests share: a run request, lines as the serializer writes them, a sequence with an
/// assembly started, and the check that a line is refused for a reason.</summary>
internal static class ProtocolTestLines
{
    public static readonly WorkerRequest RunRequest = new(WorkerMode.Run, "disk", "", ["/p/disk/Disk.dll", "/p/disk/More.dll"]);

    public static string Line(WorkerMessage message) => JsonSerializer.Serialize(message, WorkerMessageJson.Default.WorkerMessage);

    public static ProtocolSequence Started(string assembly = "Disk.dll")
    {
        var sequence = new ProtocolSequence(RunRequest);
        sequence.Accept(Line(new AssemblyStartedMessage(assembly, "4.2.0")));
        return sequence;
    }

    public static void AssertViolation(ProtocolSequence sequence, WorkerMessage message, string reason) =>
        AssertViolation(sequence, Line(message), reason);

    public static void AssertViolation(ProtocolSequence sequence, string line, string reason) =>
        Assert.That(() => sequence.Accept(line), Throws.TypeOf<ProtocolViolationException>().With.Message.Contains(reason));
}
