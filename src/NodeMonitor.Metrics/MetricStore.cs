using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Metrics;

/// <summary>
/// Numeric samples in the node's local store file (<see cref="LocalStore.DatabaseFileName"/>, schema 2): raw
/// samples for <see cref="MetricRetention.RawAge"/>, 5-minute and 1-hour min/avg/max rollups for longer. Rollups
/// are updated with every sample, so dropping raw samples loses no chart. Each write is one transaction that also
/// applies the retention. Readers (<c>nodemonitor serve</c>) see whole writes only (WAL snapshot per query).
/// Safe to use from several threads: each call uses its own pooled connection.
/// </summary>
public sealed class MetricStore : IDisposable
{
    /// <summary>Bucket widths of the rollups.</summary>
    public static readonly TimeSpan FineRollup = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan CoarseRollup = TimeSpan.FromHours(1);

    private readonly StoreDatabase _database;
    private readonly MetricRetention _retention;
    private readonly bool _ownsDatabase;
    private bool _disposed;

    private MetricStore(StoreDatabase database, MetricRetention retention, bool ownsDatabase)
    {
        CheckRetention(retention);
        _database = database;
        _retention = retention;
        _ownsDatabase = ownsDatabase;
    }

    public string DatabasePath => _database.Path;

    /// <summary>Opens (creating and migrating) the store in <paramref name="stateDirectory"/>.</summary>
    /// <exception cref="StoreException">The store cannot be created, opened or migrated.</exception>
    public static MetricStore Open(string stateDirectory, MetricRetention retention)
    {
        CheckRetention(retention);
        return new MetricStore(StoreDatabase.OpenIn(stateDirectory), retention, ownsDatabase: true);
    }

    /// <summary>The metrics of a store file the caller opened (and disposes).</summary>
    public static MetricStore On(StoreDatabase database, MetricRetention retention) => new(database, retention, ownsDatabase: false);

    /// <summary>Stores <paramref name="samples"/> and applies the retention as of <paramref name="now"/>, in one
    /// transaction. Samples with an invalid name or label name are rejected before anything is written.</summary>
    /// <exception cref="ArgumentException">A sample's name or label name is not valid in Prometheus.</exception>
    /// <exception cref="StoreException">The samples could not be stored.</exception>
    public void Write(IReadOnlyCollection<MetricSample> samples, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var sample in samples) MetricSampleRules.Check(sample);
        Use("Cannot store metrics in", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var writer = new MetricWriter(connection, transaction);
            foreach (var sample in samples) writer.Write(sample);
            new MetricSweep(_retention).Apply(connection, transaction, now);
            transaction.Commit();
            return 0;
        });
    }

    /// <summary>Every series whose name equals <paramref name="name"/> (all when null) and whose labels include
    /// <paramref name="selector"/>, by name then labels.</summary>
    public IReadOnlyList<MetricSeries> Series(string? name = null, IReadOnlyDictionary<string, string>? selector = null) =>
        Read(queries => queries.Series(name, selector));

    /// <summary>Points of the matching series between <paramref name="from"/> and <paramref name="to"/>: raw samples
    /// when the window starts within the raw age, else 5-minute rollups when it starts within their age, else 1-hour.</summary>
    public IReadOnlyList<SeriesPoints> Points(string? name, IReadOnlyDictionary<string, string>? selector,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        TimeSpan resolution = from >= now - _retention.RawAge ? TimeSpan.Zero
            : from >= now - _retention.FineRollupAge ? FineRollup
            : CoarseRollup;
        return Read(queries => queries.Series(name, selector)
            .Select(s => new SeriesPoints(s, resolution, queries.Points(s, resolution, from, to)))
            .ToList());
    }

    /// <summary>Bytes in pages in use by the whole store file (results and metrics).</summary>
    public long UsedBytes() => Read(queries => queries.UsedBytes());

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsDatabase) _database.Dispose();
    }

    private static void CheckRetention(MetricRetention retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        if (retention.RawAge <= TimeSpan.Zero || retention.RollupAge <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "metric retention ages must be positive");
    }

    private T Read<T>(Func<MetricQueries, T> query) =>
        Use("Cannot read metrics from", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            return query(new MetricQueries(connection, transaction));
        });

    private T Use<T>(string failure, Func<SqliteConnection, T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _database.Use($"{failure} the local store", action);
    }
}
