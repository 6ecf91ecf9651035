using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Extension;

/// <summary>The pipeline a desk run is written through: the local store, as the first sink of <c>nodemonitor run</c>.
/// Central reporting (etcd/Swift) is not added: a desk is not a node, so nothing leaves the machine.</summary>
internal static class DeskSinks
{
    /// <summary>The pipeline and the store file it writes to (null, after a warning, when it cannot be opened).</summary>
    public static (RunPipeline Pipeline, StoreDatabase? Database) Open(NodeMonitorConfig config, DeskWarnings warnings)
    {
        try
        {
            SqliteNativeLibrary.EnsureResolvable();
            var database = StoreDatabase.OpenIn(config.StateDirectory);
            return (new RunPipeline([new LocalStoreSink(LocalStore.On(database, config.Retention), null)]), database);
        }
        catch (StoreException e)
        {
            warnings.Warn($"this run is not stored locally: {e.Message} " +
                          $"(set NODEMONITOR_STATE_DIRECTORY or stateDirectory in {config.SourceFile ?? NodeMonitorConfig.DefaultPath})");
            return (new RunPipeline([]), null);
        }
    }
}
