using System.CommandLine;
using System.CommandLine.Help;
using NodeMonitor.Cli;
using NodeMonitor.Cli.Commands;
using NodeMonitor.Cli.Output;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Selection;

// Plugins name tests and write messages; none of that may reach the terminal as a control sequence.
Colour.Install(new TerminalSafeWriter(Console.Out, Colour.Wanted(Console.IsOutputRedirected, Environment.GetEnvironmentVariable)),
    new TerminalSafeWriter(Console.Error, Colour.Wanted(Console.IsErrorRedirected, Environment.GetEnvironmentVariable)));

var rootCommand = new RootCommand("""
    NodeMonitor: monitoring as unit tests. Runs the NUnit test projects published under the plugin root
    (/var/lib/nodemonitor/<plugin>/) on this node, keeps the results locally and reports only changes.
    Run `nodemonitor <verb> --help` for each verb's options and examples.
    """)
{
    RunCommand.Create(),
    ListCommand.Create(),
    ValidateCommand.Create(),
    StatusCommand.Create(),
    HistoryCommand.Create(),
    FailuresCommand.Create(),
    ClusterCommand.Create(),
    IngestCommand.Create(),
    MetricsCommand.Create(),
    ServeCommand.Create(),
    SyncCommand.Create(),
    SilenceCommand.Create(),
    NotifyCommand.Create(),
};

var parse = rootCommand.Parse(args);
// Help and directives (bash completion asks through [suggest]) answer for themselves, whatever else the line holds.
bool answersItself = parse.Action is HelpAction || rootCommand.Directives.Any(d => parse.GetResult(d) is not null);
var usageErrors = answersItself ? [] : UsageErrors.Describe(parse);
if (usageErrors.Count > 0)
{
    foreach (var message in usageErrors) Console.Error.WriteLine($"nodemonitor: {message}");
    Console.Error.WriteLine("Run `nodemonitor --help` or `nodemonitor <verb> --help` for usage.");
    return ExitCodes.UsageError;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ConfigurationException e)
{
    Console.Error.WriteLine($"nodemonitor: error: {e.Describe()}");
    return ExitCodes.UsageError;
}
catch (WhereSyntaxException e)
{
    Console.Error.WriteLine($"nodemonitor: error: invalid --where: {e.Message}");
    return ExitCodes.UsageError;
}
catch (NodeMonitor.Core.Storage.StoreException e)
{
    Console.Error.WriteLine($"nodemonitor: cannot use the local store: {e.Message}");
    return ExitCodes.CouldNotRun;
}
catch (CouldNotRunException e)
{
    Console.Error.WriteLine($"nodemonitor: cannot run: {e.Message}");
    return ExitCodes.CouldNotRun;
}
