using NodeMonitor.Core.Configuration;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.Configuration;

/// <summary>The swift section as nodemonitor.json and NODEMONITOR_SWIFT_* give it, through the real loader.</summary>
public sealed class SwiftConfigTests
{
    private const string V3Url = "https://keystone.example:5000/v3";
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "nm-swift-config-" + Guid.NewGuid().ToString("N")[..8]));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void AV1SectionIsReadAsBefore()
    {
        var swift = Load("""{ "authUrl": "http://swift:8080/auth/v1.0", "user": "ops:node", "key": "k", "tempUrlKey": "t" }""");

        Assert.That(swift.AuthVersion, Is.EqualTo(SwiftAuthVersion.V1));
        Assert.That(swift.Keystone, Is.Null);
        Assert.That((swift.User, swift.Key, swift.TempUrlKey), Is.EqualTo(("ops:node", "k", "t")));
    }

    [Test]
    public void AnAuthUrlEndingInV3MeansKeystoneWithAPasswordAndTheDefaultPublicInterface()
    {
        var swift = Load($$"""
            { "authUrl": "{{V3Url}}/", "user": "nodemon", "key": "pw", "userDomain": "Default", "project": "ops", "projectDomain": "Default" }
            """);

        Assert.That(swift.AuthVersion, Is.EqualTo(SwiftAuthVersion.V3));
        Assert.That(swift.Keystone, Is.EqualTo(new KeystoneSettings { UserDomain = "Default", Project = "ops", ProjectDomain = "Default" }));
        Assert.That(swift.Keystone!.Interface, Is.EqualTo(EndpointInterface.Public));
    }

    [Test]
    public void AuthVersionThreeMakesAnyUrlKeystoneAndReadsRegionAndInterface()
    {
        var swift = Load("""
            { "authUrl": "https://identity.example/", "authVersion": 3, "applicationCredentialId": "ac1",
              "applicationCredentialSecret": "s", "region": "RegionTwo", "interface": "Internal" }
            """);

        Assert.That(swift.AuthVersion, Is.EqualTo(SwiftAuthVersion.V3));
        Assert.That(swift.Keystone!.UsesApplicationCredential, Is.True);
        Assert.That((swift.Keystone.Region, swift.Keystone.Interface), Is.EqualTo(("RegionTwo", EndpointInterface.Internal)));
    }

    private const string Password = $$"""
        "authUrl": "{{V3Url}}", "user": "nodemon", "key": "pw", "userDomain": "Default", "project": "ops", "projectDomain": "Default"
        """;
    private const string Credential = $$"""
        "authUrl": "{{V3Url}}", "applicationCredentialId": "ac1", "applicationCredentialSecret": "s"
        """;

    [TestCase("\"authUrl\": \"http://swift/auth/v1.0\", \"authVersion\": \"2\", \"user\": \"u\", \"key\": \"k\"", "swift.authVersion", "expected 1 (Swift tempauth) or 3 (Keystone)")]
    [TestCase("\"authUrl\": \"http://swift/auth/v1.0\", \"user\": \"u\", \"key\": \"k\", \"region\": \"R\"", "swift.region", "only used with Keystone v3")]
    [TestCase("\"authUrl\": \"ftp://swift/v3\", \"user\": \"u\", \"key\": \"k\"", "swift.authUrl", "absolute http(s) URL")]
    [TestCase($$"""{{Password}}, "userId": "u1" """, "swift.userId", "set user or userId, not both")]
    [TestCase($$"""{{Password}}, "userDomainId": "default" """, "swift.userDomainId", "set userDomain or userDomainId, not both")]
    [TestCase($$"""{{Password}}, "projectId": "p1" """, "swift.projectId", "set project or projectId, not both")]
    [TestCase($$"""{{Password}}, "interface": "private" """, "swift.interface", "expected public, internal or admin")]
    [TestCase($$"""{{Password}}, "region": "" """, "swift.region", "must not be empty")]
    [TestCase($$"""{{Password}}, "applicationCredentialSecret": "s" """, "swift.key", "not used with an application credential")]
    [TestCase($$"""{{Credential}}, "project": "ops" """, "swift.project", "carries its own project scope")]
    [TestCase($$"""{{Credential}}, "applicationCredentialName": "n" """, "swift.applicationCredentialName", "not both")]
    [TestCase($$"""{{Credential}}, "user": "nodemon" """, "swift.user", "identifies the user already")]
    [TestCase($$"""{{Credential}}, "bogus": 1 """, "swift.bogus", "unknown key")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "key": "pw", "project": "ops", "projectDomain": "Default" """, "swift.user", "required for Keystone v3: the user (user or userId)")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "user": "u", "key": "pw", "project": "ops", "projectDomain": "Default" """, "swift.userDomain", "the domain of user")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "user": "u", "key": "pw", "userDomain": "D" """, "swift.project", "project-scoped token")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "user": "u", "key": "pw", "userDomain": "D", "project": "ops" """, "swift.projectDomain", "the domain of project")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "userId": "u1", "userDomain": "D", "key": "pw", "projectId": "p" """, "swift.userDomain", "unique across domains")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "applicationCredentialName": "n", "applicationCredentialSecret": "s" """, "swift.user", "owner of the application credential")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "applicationCredentialId": "ac1" """, "swift.applicationCredentialSecret", "required with an application credential")]
    [TestCase($$""" "authUrl": "{{V3Url}}", "user": "u", "userDomain": "D", "project": "ops", "projectDomain": "D" """, "swift.key", "the user's password")]
    [TestCase(""" "authUrl": "http://swift/auth/v1.0", "user": "u" """, "swift.key", "the Swift key")]
    public void AMistakeNamesTheKeyAndSaysWhatIsExpected(string section, string key, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("{" + section + "}"))!;

        Assert.That(error.Key, Is.EqualTo(key));
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.File, Does.EndWith("nodemonitor.json"));
    }

    [Test]
    public void SecretsMayComeFromTheEnvironmentInsteadOfTheFile()
    {
        var credential = Load($$"""{ "authUrl": "{{V3Url}}", "applicationCredentialId": "ac1" }""",
            ("NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_SECRET", "from-env"));
        var password = Load($$"""{ "authUrl": "{{V3Url}}", "user": "u", "userDomainId": "default", "projectId": "p1" }""",
            ("NODEMONITOR_SWIFT_KEY", "pw-from-env"));
        var v1 = Load("""{ "authUrl": "http://swift/auth/v1.0", "user": "u" }""", ("NODEMONITOR_SWIFT_KEY", "k-from-env"));

        Assert.That(credential.Keystone!.ApplicationCredentialSecret, Is.EqualTo("from-env"));
        Assert.That(password.Key, Is.EqualTo("pw-from-env"));
        Assert.That(password.Keystone, Is.EqualTo(new KeystoneSettings { UserDomainId = "default", ProjectId = "p1" }));
        Assert.That(v1.Key, Is.EqualTo("k-from-env"));
    }

    [Test]
    public void AnExplicitAuthVersionSurvivesAnEnvironmentOverrideOfAnotherKey()
    {
        var swift = Load("""
            { "authUrl": "https://identity.example/", "authVersion": "v3", "applicationCredentialId": "ac1", "applicationCredentialSecret": "s" }
            """, ("NODEMONITOR_SWIFT_REGION", "RegionTwo"), ("NODEMONITOR_SWIFT_INTERFACE", "admin"));

        Assert.That(swift.AuthVersion, Is.EqualTo(SwiftAuthVersion.V3));
        Assert.That((swift.Keystone!.Region, swift.Keystone.Interface), Is.EqualTo(("RegionTwo", EndpointInterface.Admin)));
        Assert.That(swift.Keystone.ApplicationCredentialSecret, Is.EqualTo("s"));
    }

    [Test]
    public void TheWholeSectionMayComeFromTheEnvironment()
    {
        var swift = Load(null,
            ("NODEMONITOR_SWIFT_AUTH_URL", V3Url), ("NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_ID", "ac1"),
            ("NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_SECRET", "s"));

        Assert.That(swift.AuthVersion, Is.EqualTo(SwiftAuthVersion.V3));
        Assert.That(swift.Keystone!.ApplicationCredentialId, Is.EqualTo("ac1"));
    }

    private SwiftSettings Load(string? swiftSection, params (string Name, string Value)[] environment)
    {
        string file = Path.Combine(_dir, "nodemonitor.json");
        File.WriteAllText(file, $$"""{ "stateDirectory": "{{_dir.Replace("\\", "/")}}/state"{{(swiftSection is null ? "" : ", \"swift\": " + swiftSection)}} }""");
        var config = ConfigLoader.Load(file, environment.ToDictionary(e => e.Name, e => (string?)e.Value));
        return config.Swift ?? throw new AssertionException("no swift settings");
    }
}
