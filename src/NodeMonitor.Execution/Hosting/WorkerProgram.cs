using System.Globalization;
using System.Xml;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.NUnit;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// The nodemonitor-worker process: hosts one plugin's test assemblies (or, as a shared worker, the plugins of a
/// <see cref="WorkerBatch"/> one after the other, each with its own environment), each assembly in its own load context,
/// and reports on the protocol channel. Exits 0 after the last <see cref="WorkerDoneMessage"/> whatever the tests did;
/// any other exit is a crash the supervisor reports.
/// </summary>
internal static class WorkerProgram
{
    public static int Run(string[] args)
    {
        // First, before anything can touch Console: take stdout for the protocol.
        using var protocol = ProtocolWriter.OpenPrivateStdout();
        bool batch = args is [WorkerBatch.Verb];
        // A batch comes on stdin before the parent watch takes it over (the supervisor writes nothing after it).
        var entries = batch ? ReadBatch() : null;
        ParentWatch.Start();
        var request = batch ? null : WorkerRequest.Parse(args);
        if (request is null && entries is null)
        {
            Console.Error.WriteLine("usage: nodemonitor-worker run|explore PLUGIN FILTER-XML ASSEMBLY...  (started by nodemonitor, not by hand)");
            return 2;
        }

        // NUnit swaps Console.Out/Error during a run; keep the real stderr for the worker's own remarks.
        var diagnostics = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
        if (entries is null) RunPlugin(request!, protocol, diagnostics, null);
        else
        {
            var culture = CultureInfo.CurrentCulture;
            var uiCulture = CultureInfo.CurrentUICulture;
            foreach (var entry in entries.Plugins)
            {
                PluginEnvironment.Apply(entry.Environment);
                CultureInfo.DefaultThreadCurrentCulture = null;
                CultureInfo.DefaultThreadCurrentUICulture = null;
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                RunPlugin(entry.ToRequest(), protocol, diagnostics, entry.DoneToken);
            }
        }
        diagnostics.Flush();
        // Threads a test left running must not keep the worker alive after its report is complete.
        Environment.Exit(0);
        return 0;
    }

    private static WorkerBatch? ReadBatch()
    {
        using var stdin = Console.OpenStandardInput(bufferSize: 0);
        return WorkerBatch.Read(stdin);
    }

    /// <summary>Hosts one plugin's assemblies one after the other and ends with its done message.</summary>
    private static void RunPlugin(WorkerRequest request, ProtocolWriter protocol, TextWriter diagnostics, string? doneToken)
    {
        foreach (string path in request.Assemblies)
        {
            string file = Path.GetFileName(path);
            try
            {
                using var loaded = LoadedAssembly.Load(path, request.Parameters);
                if (request.Mode == WorkerMode.Explore) Explore(loaded, request, file, protocol);
                else Execute(loaded, request, file, protocol, diagnostics);
            }
            catch (AssemblyLoadException e)
            {
                protocol.Send(new AssemblyLoadFailedMessage(file, e.Message));
            }
            catch (Exception e)
            {
                protocol.Send(new AssemblyLoadFailedMessage(file, $"{file}: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}"));
            }
        }
        protocol.Send(new WorkerDoneMessage { Token = doneToken });
    }

    private static void Execute(LoadedAssembly loaded, WorkerRequest request, string file, ProtocolWriter protocol, TextWriter diagnostics)
    {
        protocol.Send(new AssemblyStartedMessage(file, loaded.FrameworkVersion));
        var translator = new NUnitEventTranslator(new WorkerEventForwarder(protocol.Send, diagnostics).On, request.Plugin, file);
        loaded.Controller.RunTests(translator, xml =>
        {
            if (!translator.OnEvent(xml))
                diagnostics.WriteLine($"nodemonitor-worker: could not read an NUnit event: {OutputLimits.Cap(xml, 500)}");
        }, request.FilterXml);
    }

    private static void Explore(LoadedAssembly loaded, WorkerRequest request, string file, ProtocolWriter protocol)
    {
        int count = loaded.Controller.CountTests(request.FilterXml);
        var tests = new List<string>();
        using var reader = XmlReader.Create(new StringReader(loaded.Controller.ExploreTests(request.FilterXml)));
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "test-case")
                tests.Add(reader.GetAttribute("fullname") ?? "");
        }
        protocol.Send(new AssemblyExploredMessage(file, loaded.FrameworkVersion, count, tests));
    }
}
