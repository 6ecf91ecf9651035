using System.Text.Json;
using NUnit.Framework;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Core.Tests.Configuration;

/// <summary>The central settings from the environment are laid over the file's through a JSON text written without
/// reflection: the text the serializer wrote for the same sections, so the overlay reads exactly as before.</summary>
public sealed class CentralEnvironmentJsonTests
{
    [Test]
    public void TheMergedSectionsAreTheTextTheSerializerWrote()
    {
        var sections = new Dictionary<string, Dictionary<string, object>>
        {
            ["etcd"] = new()
            {
                ["endpoints"] = new[] { "http://127.0.0.1:2379", "https://etcd-ü.example:2379" },
                ["prefix"] = "/nm+\"ü\"/",
                ["password"] = "p<>&'\u2028\U0001F600",
                ["deadlineSeconds"] = 2.5,
            },
            ["swift"] = new()
            {
                ["authUrl"] = "http://127.0.0.1:8080/auth/v1.0",
                ["container"] = "Behälter",
                ["tempUrlSeconds"] = 604800.0,
                ["deleteAfterDays"] = 0.1 + 0.2,
                ["deadlineSeconds"] = 1e-7,
                ["endpoints"] = (IReadOnlyList<string>)new List<string>(),
            },
            ["report"] = new() { ["budgetSeconds"] = 30.0 },
        };
        var reflective = new JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

        Assert.That(CentralEnvironment.SectionsJson(sections), Is.EqualTo(JsonSerializer.Serialize(sections, reflective)));
    }

    [Test]
    public void TheEnvironmentReplacesSingleKeysAndKeepsTheFilesOthers()
    {
        using var temp = new TempFolder();
        string file = temp.Write("nodemonitor.json",
            """{ "etcd": { "endpoints": ["http://127.0.0.1:2379"], "prefix": "/nm/", "username": "ü-user", "password": "file", "deadlineSeconds": 4 } }""");

        var config = ConfigLoader.Load(file, new Dictionary<string, string?>
        {
            ["NODEMONITOR_ETCD_PASSWORD"] = "s3cr\"et+ü",
            ["NODEMONITOR_ETCD_ENDPOINTS"] = "http://127.0.0.2:2379, http://127.0.0.3:2379",
        });

        Assert.That(config.Etcd!.Endpoints, Is.EqualTo(new[] { "http://127.0.0.2:2379", "http://127.0.0.3:2379" }));
        Assert.That(config.Etcd.Password, Is.EqualTo("s3cr\"et+ü"));
        Assert.That(config.Etcd.Username, Is.EqualTo("ü-user"));
        Assert.That(config.Etcd.Deadline, Is.EqualTo(TimeSpan.FromSeconds(4)));
    }
}
