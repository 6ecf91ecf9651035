namespace NodeMonitor.Core.Storage;

/// <summary>
/// The local store could not be opened, read or written. The message names the database path and the
/// reason in one line, so the CLI can print it as is instead of a SQLite stack trace.
/// </summary>
public sealed class StoreException(string message, string databasePath, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The database file (or state directory) the failure is about.</summary>
    public string DatabasePath { get; } = databasePath;
}
