namespace NodeMonitor.Execution.Protocol;

/// <summary>A worker wrote something the protocol does not allow; the message is one clause for people.</summary>
internal sealed class ProtocolViolationException(string message) : Exception(message);
