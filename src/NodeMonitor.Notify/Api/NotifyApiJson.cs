using System.Text.Json;
using System.Text.Json.Serialization;
using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>The JSON of <see cref="NotifyApi"/>, with metadata generated at build time: camelCase, null properties left
/// out. None of its documents has an enum; one that gains one lists <c>CamelCaseEnum&lt;T&gt;</c> in the converters, as
/// <see cref="ReceiverJson"/> does.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthJson))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(List<FailureJson>))]
[JsonSerializable(typeof(List<Silence>))]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(SilenceBody))]
internal sealed partial class NotifyApiJson : JsonSerializerContext;

/// <summary><c>/healthz</c>: <c>{"status": "ok", "sending": true}</c>, sending when this instance is the elected sender.</summary>
internal sealed record HealthJson(string Status, bool Sending);

/// <summary>Every error answer of the API: <c>{"error": "...", "status": 400}</c>.</summary>
internal sealed record ApiError(string Error, int Status);
