using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift;

/// <summary>Chooses the authentication the settings describe.</summary>
internal static class SwiftAuthentication
{
    public static ISwiftAuthentication For(SwiftSettings settings, SwiftHttp http, TimeProvider clock)
    {
        if (settings.AuthVersion == SwiftAuthVersion.V1) return new TempAuthAuthentication(settings, http, clock);
        var keystone = settings.Keystone ?? throw new ArgumentException("Keystone v3 needs SwiftSettings.Keystone", nameof(settings));
        var tokens = new KeystoneTokens(settings, http);
        return keystone.UsesApplicationCredential
            ? new KeystoneApplicationCredentialAuthentication(settings, tokens)
            : new KeystonePasswordAuthentication(settings, tokens);
    }
}
