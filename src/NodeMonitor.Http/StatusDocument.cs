using NodeMonitor.Core.Storage;

namespace NodeMonitor.Http;

/// <summary><c>/api/v1/status</c>: the node, its last run, the current state of every check and the central reporting
/// state (null when the node never reported centrally).</summary>
internal sealed record StatusDocument(string Node, StoredRun? LastRun, IReadOnlyList<TestState> States, CentralJson? Central);
