using System.Globalization;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>The strict rules of the <c>swift</c> section beyond single values: which keys go together for v1, a Keystone
/// password and a Keystone application credential. Every mistake names the key.</summary>
internal static class SwiftConfigRules
{
    private static readonly string[] KeystoneOnlyKeys =
    [
        "userId", "userDomain", "userDomainId", "project", "projectId", "projectDomain", "projectDomainId",
        "applicationCredentialId", "applicationCredentialName", "applicationCredentialSecret", "region", "interface",
    ];

    public static string Required(ConfigSection s, string name) =>
        Optional(s, name) ?? throw s.Error(name, "required when the swift section is present");

    /// <summary>A string that, when given, is not blank (an empty password is a mistake, not "no password").</summary>
    public static string? Optional(ConfigSection s, string name) =>
        s.GetString(name) is not { } value ? null
        : string.IsNullOrWhiteSpace(value) ? throw s.Error(name, "must not be empty") : value;

    /// <summary>"1"/"3" (or "v1"/"v3", or the numbers 1 and 3); null when not set.</summary>
    public static SwiftAuthVersion? AuthVersion(ConfigSection s)
    {
        if (!s.Has("authVersion")) return null;
        string? text;
        try
        {
            text = s.GetString("authVersion");
        }
        catch (ConfigurationException)
        {
            text = s.GetInt("authVersion", 0)?.ToString(CultureInfo.InvariantCulture);
        }
        return text?.Trim().TrimStart('v', 'V') switch
        {
            null => null,
            "1" or "1.0" => SwiftAuthVersion.V1,
            "3" => SwiftAuthVersion.V3,
            _ => throw s.Error("authVersion", $"expected 1 (Swift tempauth) or 3 (Keystone), found \"{text}\""),
        };
    }

    public static SwiftSettings KeystoneV3(ConfigSection s, string authUrl)
    {
        string? user = Optional(s, "user");
        var keystone = new KeystoneSettings
        {
            UserId = Optional(s, "userId"),
            UserDomain = Optional(s, "userDomain"),
            UserDomainId = Optional(s, "userDomainId"),
            Project = Optional(s, "project"),
            ProjectId = Optional(s, "projectId"),
            ProjectDomain = Optional(s, "projectDomain"),
            ProjectDomainId = Optional(s, "projectDomainId"),
            ApplicationCredentialId = Optional(s, "applicationCredentialId"),
            ApplicationCredentialName = Optional(s, "applicationCredentialName"),
            ApplicationCredentialSecret = Optional(s, "applicationCredentialSecret"),
            Region = Optional(s, "region"),
            Interface = Interface(s),
        };
        string? password = Optional(s, "key");
        bool applicationCredential = keystone.ApplicationCredentialId is not null || keystone.ApplicationCredentialName is not null
            || keystone.ApplicationCredentialSecret is not null;
        if (applicationCredential) CheckApplicationCredential(s, keystone, user, password);
        else CheckPassword(s, keystone, user, password);
        return new SwiftSettings(authUrl, user, password) { AuthVersion = SwiftAuthVersion.V3, Keystone = keystone };
    }

    /// <summary>The password, key or secret may come from the environment instead of the file, so its absence is
    /// checked once both are read.</summary>
    public static void RequireSecret(SwiftSettings s, string? file)
    {
        if (s.Keystone is { UsesApplicationCredential: true } k)
        {
            if (k.ApplicationCredentialSecret is null)
                throw new ConfigurationException("required with an application credential (in the file or NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_SECRET)",
                    file ?? "environment", "swift.applicationCredentialSecret");
        }
        else if (s.Key is null)
        {
            string what = s.AuthVersion == SwiftAuthVersion.V1 ? "the Swift key" : "the user's password (or use an application credential)";
            throw new ConfigurationException($"required: {what}, in the file or NODEMONITOR_SWIFT_KEY", file ?? "environment", "swift.key");
        }
    }

    /// <summary>v1 settings must not carry Keystone keys: they would be silently ignored.</summary>
    public static void RejectKeystoneKeys(ConfigSection s)
    {
        foreach (string name in KeystoneOnlyKeys)
            if (s.Has(name))
                throw s.Error(name, "only used with Keystone v3: set authVersion to 3 or use an authUrl ending in /v3");
    }

    /// <summary>The section's keys as the file would hold them, so the environment overlay can replace single keys.</summary>
    public static IEnumerable<(string Name, object Value)> AsKeys(SwiftSettings s)
    {
        yield return ("authUrl", s.AuthUrl);
        // An explicit version that the URL does not imply must survive; an inferred one is inferred again.
        if (s.AuthVersion != SwiftSettings.InferAuthVersion(s.AuthUrl)) yield return ("authVersion", s.AuthVersion == SwiftAuthVersion.V3 ? "3" : "1");
        if (s.User is not null) yield return ("user", s.User);
        if (s.Key is not null) yield return ("key", s.Key);
        if (s.Keystone is { } k)
        {
            (string, string?)[] keys =
            [
                ("userId", k.UserId), ("userDomain", k.UserDomain), ("userDomainId", k.UserDomainId), ("project", k.Project),
                ("projectId", k.ProjectId), ("projectDomain", k.ProjectDomain), ("projectDomainId", k.ProjectDomainId),
                ("applicationCredentialId", k.ApplicationCredentialId), ("applicationCredentialName", k.ApplicationCredentialName),
                ("applicationCredentialSecret", k.ApplicationCredentialSecret), ("region", k.Region),
                ("interface", k.Interface.ToString().ToLowerInvariant()),
            ];
            foreach (var (name, value) in keys)
                if (value is not null) yield return (name, value);
        }
        yield return ("container", s.Container);
        if (s.TempUrlKey is not null) yield return ("tempUrlKey", s.TempUrlKey);
        yield return ("tempUrlSeconds", s.TempUrlLifetime.TotalSeconds);
        yield return ("deleteAfterDays", s.DeleteAfter.TotalDays);
        yield return ("deadlineSeconds", s.Deadline.TotalSeconds);
    }

    private static void CheckPassword(ConfigSection s, KeystoneSettings k, string? user, string? password)
    {
        ExactlyOne(s, ("user", user), ("userId", k.UserId), "the user");
        if (user is not null) ExactlyOne(s, ("userDomain", k.UserDomain), ("userDomainId", k.UserDomainId), "the domain of user");
        else NoneOf(s, "a user id is unique across domains", "userDomain", "userDomainId");
        ExactlyOne(s, ("project", k.Project), ("projectId", k.ProjectId), "the project whose Swift account is used (a project-scoped token)");
        if (k.Project is not null) ExactlyOne(s, ("projectDomain", k.ProjectDomain), ("projectDomainId", k.ProjectDomainId), "the domain of project");
        else NoneOf(s, "a project id is unique across domains", "projectDomain", "projectDomainId");
    }

    private static void CheckApplicationCredential(ConfigSection s, KeystoneSettings k, string? user, string? password)
    {
        if (password is not null) throw s.Error("key", "not used with an application credential: its secret is applicationCredentialSecret");
        NoneOf(s, "an application credential carries its own project scope", "project", "projectId", "projectDomain", "projectDomainId");
        ExactlyOne(s, ("applicationCredentialId", k.ApplicationCredentialId), ("applicationCredentialName", k.ApplicationCredentialName),
            "the application credential");
        if (k.ApplicationCredentialId is not null)
        {
            NoneOf(s, "the application credential id identifies the user already", "user", "userId", "userDomain", "userDomainId");
            return;
        }
        ExactlyOne(s, ("user", user), ("userId", k.UserId), "the owner of the application credential named by applicationCredentialName");
        if (user is not null) ExactlyOne(s, ("userDomain", k.UserDomain), ("userDomainId", k.UserDomainId), "the domain of user");
        else NoneOf(s, "a user id is unique across domains", "userDomain", "userDomainId");
    }

    private static void ExactlyOne(ConfigSection s, (string Key, string? Value) a, (string Key, string? Value) b, string what)
    {
        if (a.Value is null && b.Value is null) throw s.Error(a.Key, $"required for Keystone v3: {what} ({a.Key} or {b.Key})");
        if (a.Value is not null && b.Value is not null) throw s.Error(b.Key, $"set {a.Key} or {b.Key}, not both");
    }

    private static void NoneOf(ConfigSection s, string why, params string[] keys)
    {
        foreach (string name in keys)
            if (s.Has(name)) throw s.Error(name, $"not used here: {why}");
    }

    private static EndpointInterface Interface(ConfigSection s) => Optional(s, "interface")?.ToLowerInvariant() switch
    {
        null or "public" => EndpointInterface.Public,
        "internal" => EndpointInterface.Internal,
        "admin" => EndpointInterface.Admin,
        var other => throw s.Error("interface", $"expected public, internal or admin, found \"{other}\""),
    };
}
