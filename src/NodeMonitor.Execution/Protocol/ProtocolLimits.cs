namespace NodeMonitor.Execution.Protocol;

/// <summary>What the supervisor accepts from one worker. Anything beyond ends that plugin as a protocol violation.</summary>
internal static class ProtocolLimits
{
    /// <summary>Longest message line, newline excluded (1 MiB). The reader never buffers more than this.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>Most bytes of kept messages (results, explorations, load errors) per plugin run (64 MiB).</summary>
    public const long MaxKeptBytesPerPlugin = 64L * 1024 * 1024;
}
