using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Central;

/// <summary>The facts this node's plugins published (table <c>node_facts</c>, schema 5). A fact stays until its plugin
/// completes a run without publishing it again, or until a plugin is no longer installed; a plugin that crashed or
/// timed out only adds and updates, so one bad run does not make the node forget what it knew.</summary>
public sealed class NodeFactsLedger : StoreDatabaseView
{
    private NodeFactsLedger(StoreDatabase database, bool ownsDatabase)
        : base(database, ownsDatabase)
    {
    }

    public static NodeFactsLedger On(StoreDatabase database) => new(database, ownsDatabase: false);

    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static NodeFactsLedger Open(string stateDirectory) => new(StoreDatabase.OpenIn(stateDirectory), ownsDatabase: true);

    /// <summary>Takes in the facts of <paramref name="run"/>'s plugins; returns the properties that could not be read.</summary>
    /// <param name="installed">Every installed plugin; facts of others are forgotten. Null keeps them.</param>
    public IReadOnlyList<string> Update(RunResult run, IReadOnlySet<string>? installed, DateTimeOffset now)
    {
        var (byPlugin, rejected) = PublishedFacts.From(run);
        CentralStoreFile.Use(Database, connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var plugin in run.Plugins)
            {
                var facts = byPlugin[plugin.Name];
                if (plugin.Status == Core.Results.PluginStatus.Completed)
                    CentralStoreFile.Run(connection, transaction, "DELETE FROM node_facts WHERE plugin = $plugin;", ("$plugin", plugin.Name));
                foreach (var (name, value) in facts)
                    CentralStoreFile.Run(connection, transaction, """
                        INSERT INTO node_facts (name, value, plugin, published_at) VALUES ($name, $value, $plugin, $at)
                        ON CONFLICT (name) DO UPDATE SET value = $value, plugin = $plugin, published_at = $at;
                        """, ("$name", name), ("$value", value), ("$plugin", plugin.Name), ("$at", now.ToUnixTimeMilliseconds()));
            }
            if (installed is not null)
                foreach (string plugin in Plugins(connection, transaction).Where(p => !installed.Contains(p)))
                    CentralStoreFile.Run(connection, transaction, "DELETE FROM node_facts WHERE plugin = $plugin;", ("$plugin", plugin));
            transaction.Commit();
            return 0;
        });
        return rejected;
    }

    /// <summary>Every fact the node holds, by name.</summary>
    public IReadOnlyDictionary<string, string> All() => CentralStoreFile.Use(Database, connection =>
    {
        using var command = StoreDatabase.Command(connection, null, "SELECT name, value FROM node_facts ORDER BY name;");
        using var reader = command.ExecuteReader();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) facts[reader.GetString(0)] = reader.GetString(1);
        return (IReadOnlyDictionary<string, string>)facts;
    });

    /// <summary>The labels and bounded facts the heartbeat carries.</summary>
    public NodePublication Publication(IReadOnlyDictionary<string, string> labels)
    {
        var (kept, dropped) = PublishedFacts.Bound(All());
        return new NodePublication(labels, kept, dropped);
    }

    private static List<string> Plugins(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        using var command = StoreDatabase.Command(connection, transaction, "SELECT DISTINCT plugin FROM node_facts;");
        using var reader = command.ExecuteReader();
        var plugins = new List<string>();
        while (reader.Read()) plugins.Add(reader.GetString(0));
        return plugins;
    }
}
