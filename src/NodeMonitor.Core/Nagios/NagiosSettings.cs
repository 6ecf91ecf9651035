namespace NodeMonitor.Core.Nagios;

/// <summary>The <c>nagios</c> section of nodemonitor.json: how Nagios command definitions run.</summary>
/// <param name="Macros">Values of <c>$NAME$</c> macros in command lines (USER1 defaults to the Debian plugin folder).</param>
/// <param name="WarningIsFailure">When true, exit code 1 (WARNING) fails the test instead of giving NUnit's Warning outcome.</param>
/// <param name="CommandTimeout">Wall-clock limit of one command; the process tree is killed past it.</param>
public sealed record NagiosSettings(IReadOnlyDictionary<string, string> Macros, bool WarningIsFailure, TimeSpan CommandTimeout)
{
    public const string DefaultUser1 = "/usr/lib/nagios/plugins";
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(60);

    public static readonly NagiosSettings Default = new(
        new Dictionary<string, string>(StringComparer.Ordinal) { ["USER1"] = DefaultUser1 }, false, DefaultCommandTimeout);

    /// <summary>The default macros with <paramref name="macros"/> on top (setting USER2 keeps USER1).</summary>
    public NagiosSettings WithMacros(IReadOnlyDictionary<string, string> macros)
    {
        var merged = new Dictionary<string, string>(Macros, StringComparer.Ordinal);
        foreach (var (key, value) in macros) merged[key] = value;
        return this with { Macros = merged };
    }
}
