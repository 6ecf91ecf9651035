using System.Reflection;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Runs a loaded assembly's tests the way FrameworkController.RunTests does (NUnit's own TestProgressReporter on
/// the controller's runner, the same XML events), but without turning the whole finished result into one XML
/// string at the end: the events already carried every result, and that last copy costs about 15 µs a case.
/// Built by reflection from the plugin's NUnit; null when that NUnit lacks a piece, and the caller then uses RunTests.
/// Events are synchronous (delivered on the test's thread, so a test that kills the process was already reported
/// as started), and NUnit's reporter is not safe to call from parallel test threads at once: it then reports one
/// test's result twice and loses another's. The reporter is therefore called one event at a time.
/// </summary>
internal sealed class DirectRun
{
    private readonly object _runner;
    private readonly MethodInfo _run;
    private readonly ConstructorInfo _reporter;
    private readonly MethodInfo _filterFromXml;
    private readonly Type _handlerType;
    private readonly Type _listenerType;

    private DirectRun(object runner, MethodInfo run, ConstructorInfo reporter, MethodInfo filterFromXml, Type handlerType, Type listenerType)
    {
        _listenerType = listenerType;
        _runner = runner;
        _run = run;
        _reporter = reporter;
        _filterFromXml = filterFromXml;
        _handlerType = handlerType;
    }

    public static DirectRun? TryCreate(object controller)
    {
        var nunit = controller.GetType().Assembly;
        var runner = controller.GetType().GetProperty("Runner")?.GetValue(controller);
        var handlerType = nunit.GetType("System.Web.UI.ICallbackEventHandler");
        var listenerType = nunit.GetType("NUnit.Framework.Interfaces.ITestListener");
        var filterType = nunit.GetType("NUnit.Framework.Interfaces.ITestFilter");
        var reporter = handlerType is null ? null : nunit.GetType("NUnit.Framework.Internal.TestProgressReporter")?.GetConstructor([handlerType]);
        var fromXml = nunit.GetType("NUnit.Framework.Internal.TestFilter")?.GetMethod("FromXml", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
        var run = listenerType is null || filterType is null ? null
            : nunit.GetType("NUnit.Framework.Api.ITestAssemblyRunner")?.GetMethod("Run", [listenerType, filterType]);
        return runner is null || handlerType is null || reporter is null || fromXml is null || run is null || listenerType is null
            ? null : new DirectRun(runner, run, reporter, fromXml, handlerType, listenerType);
    }

    public void Run(Action<string> onEvent, string filterXml)
    {
        object handler = System.Reflection.DispatchProxy.Create(_handlerType, typeof(CallbackHandler));
        ((CallbackHandler)handler).OnEvent = onEvent;
        object filter = NUnitController.Unwrap(() => _filterFromXml.Invoke(null, [filterXml]))!;
        object reporter = NUnitController.Unwrap(() => _reporter.Invoke([handler]))!;
        object listener = System.Reflection.DispatchProxy.Create(_listenerType, typeof(OneEventAtATime));
        ((OneEventAtATime)listener).Target = reporter;
        NUnitController.Unwrap(() => _run.Invoke(_runner, [listener, filter]));
    }

    /// <summary>NUnit's ITestListener in front of its reporter: forwards every call under one lock.</summary>
    public class OneEventAtATime : System.Reflection.DispatchProxy
    {
        private readonly Lock _gate = new();

        public object Target { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is null) return null;
            lock (_gate) return NUnitController.Unwrap(() => targetMethod.Invoke(Target, args));
        }
    }

    /// <summary>NUnit's ICallbackEventHandler (defined inside nunit.framework, so implemented at run time):
    /// RaiseCallbackEvent(string) carries each event.</summary>
    public class CallbackHandler : System.Reflection.DispatchProxy
    {
        public Action<string> OnEvent { get; set; } = _ => { };

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == "RaiseCallbackEvent" && args is [string xml]) OnEvent(xml);
            return targetMethod?.ReturnType == typeof(string) ? "" : null;
        }
    }
}
