using System.Text.RegularExpressions;
using NUnit.Framework;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Tests.Configuration;

/// <summary>The README's settings table is what operators read; the loader accepts exactly the keys of
/// <see cref="ConfigDocumentation.Keys"/>. This keeps the two the same.</summary>
public sealed class ReadmeSettingsTableTests
{
    [Test]
    public void TheReadmeConfigurationTableListsEverySettingWithItsEnvironmentVariableAndNoOther()
    {
        string readme = File.ReadAllText(ReadmePath());
        int start = readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal);
        Assert.That(start, Is.Not.Negative, "README has a Configuration section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme[start..] : readme[start..end];
        var rows = Regex.Matches(section, @"^\| `([A-Za-z.]+)` \| `(NODEMONITOR_[A-Z0-9_]+)` \|", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value))
            .ToList();

        Assert.That(rows, Is.EquivalentTo(ConfigDocumentation.Keys.Select(k => (k.Key, k.Env))));
    }

    [Test]
    public void TheReadmeMarksExactlyTheSecretSettingsAsSecret()
    {
        var secret = Regex.Matches(ConfigurationSection(), @"^\| `([A-Za-z.]+)` \| `NODEMONITOR_[A-Z0-9_]+` \| [^|]* \| (Secret\.)?", RegexOptions.Multiline)
            .Where(m => m.Groups[2].Success)
            .Select(m => m.Groups[1].Value);

        Assert.That(secret, Is.EquivalentTo(ConfigDocumentation.SecretKeys));
    }

    private static string ConfigurationSection()
    {
        string readme = File.ReadAllText(ReadmePath());
        int start = readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    private static string ReadmePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("NodeMonitor.sln not found above the tests"), "README.md");
    }
}
