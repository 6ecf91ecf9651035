namespace NodeMonitor.Core.Pipeline;

/// <summary>One failed sink write: which sink and why.</summary>
public sealed record SinkError(string Sink, Exception Error)
{
    public string Message => Error.Message;
}
