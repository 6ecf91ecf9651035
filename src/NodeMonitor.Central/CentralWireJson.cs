using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodeMonitor.Central.Cluster;

namespace NodeMonitor.Central;

/// <summary>
/// The metadata of the values NodeMonitor stores in etcd and in the snapshot file, generated at build time (no reflection,
/// so the CLI compiles ahead of time). Their convention is the one nodes already in the field write: camelCase names in
/// declaration order, nulls left out, unsafe characters escaped as <c>\uXXXX</c> (<see cref="Default"/>), or, for the values
/// people read with etcdctl or in the snapshot file, only what JSON requires escaped (<see cref="Relaxed"/>: a version's
/// <c>+</c> and non-ASCII text stay as they are).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FailureRecord))]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(HeartbeatValue))]
[JsonSerializable(typeof(List<ClusterFailure>))]
[JsonSerializable(typeof(IReadOnlyList<ClusterFailure>))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(IReadOnlyList<JsonElement>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CentralWireJson : JsonSerializerContext
{
    /// <summary>The same metadata with only what JSON requires escaped (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>).
    /// Made on first use: <see cref="Default"/> is initialized by the generated half of the class, in no set order with this one.</summary>
    public static CentralWireJson Relaxed =>
        field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>The spooled <see cref="NodeMonitor.Central.FailureState"/> of the outbox: camelCase, nulls written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FailureState))]
internal sealed partial class OutboxJson : JsonSerializerContext;
