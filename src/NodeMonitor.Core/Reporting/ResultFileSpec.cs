using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Reporting;

/// <summary>A result file asked for on the command line: <c>FILE[;format=nunit3|junit|json]</c>, as nunit3-console's --result.</summary>
public sealed record ResultFileSpec(string Path, ResultFormat Format)
{
    private const string Option = "--result";

    /// <exception cref="ConfigurationException">The path is empty, or the format or another option is unknown.</exception>
    public static ResultFileSpec Parse(string spec)
    {
        var parts = spec.Split(';');
        string path = parts[0].Trim();
        if (path.Length == 0)
            throw new ConfigurationException($"expected FILE[;format={string.Join("|", ResultFormats.Names)}], found \"{spec}\"", key: Option);

        var format = ResultFormat.NUnit3;
        foreach (string option in parts.Skip(1).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            int equals = option.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? option : option[..equals].Trim();
            if (equals < 0 || !name.Equals("format", StringComparison.OrdinalIgnoreCase))
                throw new ConfigurationException($"unknown option '{option}' in \"{spec}\"; the only option is format=NAME", key: Option);
            format = ResultFormats.Parse(option[(equals + 1)..].Trim(), Option);
        }
        return new ResultFileSpec(path, format);
    }
}
