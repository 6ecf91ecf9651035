using System.Text.Json.Nodes;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>The body rules of Identity v3 POST /v3/auth/tokens that a client can get wrong; null when the body is right.</summary>
public static class KeystoneRequestShape
{
    public static string? Problem(JsonObject auth)
    {
        if (auth["identity"] is not JsonObject identity) return "auth.identity is required";
        if (identity["methods"] is not JsonArray { Count: > 0 } methods) return "auth.identity.methods must be a non-empty array";
        foreach (var method in methods)
        {
            string? name = method?.GetValueKind() == System.Text.Json.JsonValueKind.String ? method.GetValue<string>() : null;
            string? problem = name switch
            {
                "password" => Password(identity["password"]),
                "application_credential" => ApplicationCredential(identity["application_credential"]),
                _ => $"unsupported method {method?.ToJsonString()}",
            };
            if (problem is not null) return problem;
        }
        if (auth["scope"] is { } scope)
        {
            if (methods.Any(m => m?.GetValue<string>() == "application_credential"))
                return "an application credential is already scoped: auth.scope must be absent";
            if (scope["project"] is not JsonObject project) return "auth.scope.project must be an object";
            if (NamedInDomain(project, "auth.scope.project") is { } problem) return problem;
        }
        else if (methods.Any(m => m?.GetValue<string>() == "password"))
        {
            return "this stand-in expects a project-scoped password token (Swift needs a project)";
        }
        return null;
    }

    private static string? Password(JsonNode? password)
    {
        if (password?["user"] is not JsonObject user) return "auth.identity.password.user must be an object";
        if (user["password"]?.GetValueKind() != System.Text.Json.JsonValueKind.String) return "auth.identity.password.user.password must be a string";
        return NamedInDomain(user, "auth.identity.password.user");
    }

    private static string? ApplicationCredential(JsonNode? credential)
    {
        if (credential is not JsonObject c) return "auth.identity.application_credential must be an object";
        if (c["secret"]?.GetValueKind() != System.Text.Json.JsonValueKind.String) return "auth.identity.application_credential.secret must be a string";
        if (c["id"] is not null) return c.Count == 2 ? null : "application_credential with an id takes only id and secret";
        if (c["name"] is null) return "application_credential needs an id, or a name and a user";
        if (c["user"] is not JsonObject user) return "application_credential by name needs a user object";
        return NamedInDomain(user, "auth.identity.application_credential.user");
    }

    /// <summary>Either {"id"} or {"name", "domain": {"id"} or {"name"}}.</summary>
    private static string? NamedInDomain(JsonObject o, string path)
    {
        if (o["id"] is not null) return o["domain"] is null && o["name"] is null ? null : $"{path}: id goes alone";
        if (o["name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String) return $"{path} needs an id or a name";
        if (o["domain"] is not JsonObject domain) return $"{path} by name needs a domain";
        bool id = domain["id"] is not null, name = domain["name"] is not null;
        return id ^ name && domain.Count == 1 ? null : $"{path}.domain needs exactly one of id and name";
    }
}
