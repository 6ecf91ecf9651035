using System.Text.Json;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift;

/// <summary>Picks the Swift storage URL from a Keystone v3 token's catalog: the object-store service's endpoint with
/// the wanted interface, in the wanted region (or the only region that has one).</summary>
internal static class KeystoneCatalog
{
    public static string ObjectStoreUrl(JsonElement token, string? region, EndpointInterface wanted,
        Func<string, CentralDeliveryException> fail)
    {
        if (!token.TryGetProperty("catalog", out var catalog) || catalog.ValueKind != JsonValueKind.Array)
            throw fail("the token has no service catalog (is it scoped to a project?)");
        var endpoints = catalog.EnumerateArray()
            .Where(service => Text(service, "type") == "object-store")
            .SelectMany(service => service.TryGetProperty("endpoints", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(e => (Interface: Text(e, "interface"), Region: Text(e, "region_id") ?? Text(e, "region"), Url: Text(e, "url")))
            .Where(e => e.Url is not null)
            .ToList();
        if (endpoints.Count == 0)
            throw fail("the catalog has no object-store endpoint (is Swift registered in Keystone, and may this project use it?)");
        string interfaceName = wanted.ToString().ToLowerInvariant();
        var matching = endpoints
            .Where(e => string.Equals(e.Interface, interfaceName, StringComparison.OrdinalIgnoreCase))
            .Where(e => region is null || string.Equals(e.Region, region, StringComparison.Ordinal))
            .ToList();
        string offered = string.Join(", ", endpoints.Select(e => $"{e.Interface} in {e.Region ?? "no region"}").Distinct());
        if (matching.Count == 0)
            throw fail($"the catalog has no {interfaceName} object-store endpoint{(region is null ? "" : $" in region {region}")}; it offers: {offered}");
        var regions = matching.Select(e => e.Region).Distinct().ToList();
        if (regions.Count > 1)
            throw fail($"several regions offer a {interfaceName} object-store endpoint ({string.Join(", ", regions)}); set swift.region");
        return matching[0].Url!;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
