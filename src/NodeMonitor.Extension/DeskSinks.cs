using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Extension;

/// <summary>The sinks a desk run is written to, in the order of <c>nodemonitor run</c>.</summary>
internal static class DeskSinks
{
    public static IReadOnlyList<IResultSink> Open(NodeMonitorConfig config, DeskWarnings warnings)
    {
        var sinks = new List<IResultSink>();
        try
        {
            SqliteNativeLibrary.EnsureResolvable();
            sinks.Add(LocalStore.Open(config.StateDirectory, config.Retention));
        }
        catch (StoreException e)
        {
            warnings.Warn($"this run is not stored locally: {e.Message} " +
                          $"(set NODEMONITOR_STATE_DIRECTORY or stateDirectory in {config.SourceFile ?? NodeMonitorConfig.DefaultPath})");
        }
        // Central reporting (etcd/Swift) is added here once it exists, and only when the configuration enables
        // it: a desk is not a node, so by default nothing leaves the machine.
        return sinks;
    }
}
