namespace NodeMonitor.Core.Nagios;

/// <summary>What one nrpe-style .cfg file defines.</summary>
/// <param name="Commands">The command definitions, in file order.</param>
/// <param name="Notes">Lines that were ignored and why (nrpe settings, malformed definitions).</param>
public sealed record NrpeConfig(IReadOnlyList<NagiosCommand> Commands, IReadOnlyList<NrpeNote> Notes);

/// <summary>A line of a .cfg file that is not a command definition and was ignored.</summary>
public sealed record NrpeNote(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
