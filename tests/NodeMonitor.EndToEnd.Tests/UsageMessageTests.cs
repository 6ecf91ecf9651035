using System.Text.RegularExpressions;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// What a person typing the command line is told: a mistyped verb or option gets the nearest valid name, a value an
/// option cannot take gets the values it can, a broken configuration one position, and no message names a .NET type
/// or prints a stack trace. All exit 2.
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.All)]
public sealed partial class UsageMessageTests
{
    [TestCase("rnu", "'run'")]
    [TestCase("stauts", "'status'")]
    [TestCase("valdate", "'validate'")]
    [TestCase("histroy", "'history'")]
    [TestCase("metric", "'metrics'")]
    [TestCase("serv", "'serve'")]
    public void AMistypedVerbSuggestsTheVerbMeant(string typed, string meant)
    {
        var run = CliRun.Invoke(typed, "--all");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"unknown verb '{typed}'; did you mean {meant}?"), run.ToString());
        Assert.That(run.Stderr, Does.Not.Contain("Required command").And.Not.Contain("'--all'"), "one message, about the verb");
    }

    [TestCase("nodemonitor st", 14, "status")]
    [TestCase("nodemonitor run --form", 22, "--format")]
    [TestCase("nodemonitor silence re", 22, "remove")]
    public void CompletionAsksThroughTheSuggestDirectiveAndIsNotAUsageError(string line, int cursor, string expected)
    {
        var run = CliRun.Invoke($"[suggest:{cursor}]", line);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout.Split('\n', StringSplitOptions.TrimEntries), Does.Contain(expected), run.ToString());
        Assert.That(run.Stderr, Does.Not.Contain("unknown verb"), run.ToString());
    }

    [TestCase(new[] { "run", "--formt", "json" }, "'--formt'", "'--format'")]
    [TestCase(new[] { "metrics", "--sinse", "1h" }, "'--sinse'", "'--since'")]
    [TestCase(new[] { "history", "--limti", "3" }, "'--limti'", "'--limit'")]
    [TestCase(new[] { "run", "--paralel=2" }, "'--paralel=2'", "'--parallel'")]
    [TestCase(new[] { "--verison" }, "'--verison'", "'--version'")]
    public void AMistypedOptionSuggestsTheOptionMeant(string[] args, string typed, string meant)
    {
        var run = CliRun.Invoke(args);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"unknown option {typed}").And.Contain($"did you mean {meant}?"), run.ToString());
        Assert.That(run.Stderr, Does.Not.Contain("Required command"));
    }

    [Test]
    public void NoVerbListsTheVerbs()
    {
        var run = CliRun.Invoke();

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("a verb is required: run, list, validate, status"));
    }

    [Test]
    public void EveryVerbWithFormatRefusesAnUnknownFormatListingTheFormats()
    {
        var verbs = Verbs().Where(v => CliRun.Invoke(v, "--help").Stdout.Contains("--format <", StringComparison.Ordinal)).ToList();
        Assert.That(verbs, Is.SupersetOf(new[] { "run", "list", "status", "history", "failures", "metrics" }));

        Assert.Multiple(() =>
        {
            foreach (var verb in verbs)
            {
                var run = CliRun.Invoke(verb, "--format", "yaml");
                Assert.That(run.ExitCode, Is.EqualTo(2), $"{verb}: {run}");
                Assert.That(run.Stderr, Does.Contain("'yaml' is not a valid value for --format; use one of: text, json"), $"{verb}: {run}");
                AssertNoInternals(verb, run);
            }
        });
    }

    [TestCase("run", "--wait", "abc", "a number")]
    [TestCase("run", "--timeout", "soon", "a number")]
    [TestCase("run", "--parallel", "two", "a whole number")]
    [TestCase("serve", "--port", "http", "a whole number")]
    [TestCase("history", "--limit", "abc", "a whole number")]
    [TestCase("sync", "--wait", "1x", "a number")]
    public void ANumberOptionGivenTextSaysWhatItExpects(string verb, string option, string value, string expected)
    {
        var run = CliRun.Invoke(verb, option, value);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"'{value}' is not a valid value for {option}; expected {expected}"), run.ToString());
        AssertNoInternals(verb, run);
    }

    [TestCase("{\n  \"node\": \"a\",\n  \"parallel\": \"x\"\n}", ":3:15: 'parallel': expected a whole number")]
    [TestCase("{\n  \"node\": \"a\"\n  \"parallel\": 2\n}", ":3:3: invalid JSON: ")]
    [TestCase("{\n  \"retention\": { \"days\": 1,\n    \"dayz\": 2 }\n}", ":3:5: 'retention.dayz': unknown key")]
    public void ABrokenConfigurationIsReportedAtOnePosition(string json, string expected)
    {
        using var ws = new Workspace();
        string config = ws.File("nodemonitor.json");
        File.WriteAllText(config, json);

        var run = CliRun.Invoke("validate", "--config", config, "--state", ws.State);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(config + expected), run.ToString());
        Assert.That(PositionWords().Matches(run.Stderr), Is.Empty, "the position is given once, as file:line:column");
    }

    [Test]
    public void OneOfSomethingIsSingular()
    {
        using var ws = new Workspace("nunit4");

        var validate = CliRun.Invoke("validate", "--root", ws.PluginRoot, "--state", ws.State);
        var list = CliRun.Invoke("list", "--root", ws.PluginRoot);
        CliRun.Invoke(ws.RunArgs());
        var status = CliRun.Invoke("status", "--state", ws.State);

        Assert.That(validate.Stdout, Does.Contain("nunit4  1 assembly"), validate.ToString());
        Assert.That(list.Stdout, Does.Match(@"nunit4  \(1 test\)"), list.ToString());
        Assert.That(status.Stdout, Does.Contain("1 test: 1 passed").And.Contain("0 warnings").And.Contain("; 1 plugin"), status.ToString());
        foreach (var output in new[] { validate.Stdout, list.Stdout, status.Stdout })
            Assert.That(OneAndPlural().Matches(output), Is.Empty, output);
    }

    private static void AssertNoInternals(string verb, CliRun run) =>
        Assert.That(run.Stderr, Does.Not.Contain("NodeMonitor.Cli").And.Not.Contain("System.").And.Not.Contain("   at "), $"{verb}: {run}");

    private static IEnumerable<string> Verbs()
    {
        var help = CliRun.Invoke("--help").Stdout;
        int commands = help.IndexOf("Commands:", StringComparison.Ordinal);
        return VerbLine().Matches(help[commands..]).Select(m => m.Groups[1].Value);
    }

    [GeneratedRegex(@"^  ([a-z][a-z-]+)\s", RegexOptions.Multiline)]
    private static partial Regex VerbLine();

    [GeneratedRegex("LineNumber|BytePosition|line [0-9]+, position")]
    private static partial Regex PositionWords();

    [GeneratedRegex(@"\b1 (plugins|tests|assemblies|runs|warnings|errors)\b")]
    private static partial Regex OneAndPlural();
}
