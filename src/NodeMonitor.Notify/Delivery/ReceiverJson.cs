using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeMonitor.Notify;

/// <summary>What receivers get, with metadata generated at build time: the generic message (<see cref="NotifyMessage"/>,
/// enums as camelCase names, null properties written) and Slack's <c>{"text": ...}</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(CamelCaseEnum<ChangeKind>)])]
[JsonSerializable(typeof(NotifyMessage))]
[JsonSerializable(typeof(SlackMessage))]
internal sealed partial class ReceiverJson : JsonSerializerContext;

/// <summary>An enum written as its camelCase name (<c>"failing"</c>), as receivers read it.</summary>
internal sealed class CamelCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;

/// <summary>A Slack-compatible incoming webhook's body.</summary>
internal sealed record SlackMessage(string Text);
