using System.CommandLine;
using NodeMonitor.Cli.Output;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Ingestion;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor ingest FILE</c>: an NUnit 3 result file from any runner, stored like a run of <c>nodemonitor run</c>.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var node = CommonOptions.Node();
        var format = CommonOptions.Format();
        var file = new Argument<string>("FILE") { Description = "NUnit 3 result XML (a <test-run> document)." };
        var command = new Command("ingest", """
            Store the results of an NUnit 3 result file as one run, as if `nodemonitor run` had run the tests:
            nunit3-console's TestResult.xml, NUnit3TestAdapter's NUnit.TestOutputXml, or NunitXml.TestLogger.
            Each test assembly in the file becomes a plugin named after the assembly.

            Exit codes: 0 every test passed, 1 a test failed, 2 the file is missing, malformed (the line is
            named) or not NUnit 3 result XML, 3 the local store cannot be used or another run holds the lock.

            Examples:
              nodemonitor ingest TestResult.xml
              dotnet test -- NUnit.TestOutputXml=$PWD/out NUnit.OutputXmlFolderMode=UseSpecifiedFolder
              nodemonitor ingest out/MyChecks.xml --state /tmp/nm-state
            """)
        { file, config, state, node, format };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state, node: node);
            string path = parse.GetValue(file)!;
            Core.Results.RunResult run;
            try
            {
                run = Core.Security.SecretRedactor.For(cfg).Redact(NUnitResultFile.Read(path, cfg.Node));
            }
            catch (NUnitResultFormatException e)
            {
                Console.Error.WriteLine($"nodemonitor: error: {e.Message}");
                return ExitCodes.UsageError;
            }

            bool stored;
            using (RunLock.Acquire(cfg.StateDirectory, TimeSpan.Zero))
            using (var store = RunStore.Open(cfg.StateDirectory))
            {
                // The pipeline of `nodemonitor run`, with the local store as its one sink; a store failure is exit 3 like there.
                var pipeline = new RunPipeline([new LocalStoreSink(store.Database is null ? null : LocalStore.On(store.Database, cfg.Retention), store.OpenError)]);
                stored = NodePipeline.Report(await pipeline.WriteAsync(run, ct), Console.Error);
                store.WarnIfMovedAside(Console.Error);
            }

            if (parse.GetValue(format) == OutputFormat.Json) Console.Out.WriteLine(RunResultJson.Serialize(run));
            else RunSummary.Write(Console.Out, run, stored);
            if (!stored) return ExitCodes.CouldNotRun;
            return run.Passed ? ExitCodes.Passed : ExitCodes.CheckFailed;
        });
        return command;
    }
}
