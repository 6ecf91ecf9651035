using System.Reflection;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.NUnit;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Runs a loaded assembly's tests the way FrameworkController.RunTests does (NUnit's own runner, NUnit's own
/// TestProgressReporter for suites, output and messages), but without XML for each test case and without turning the
/// whole finished result into one XML string at the end: a case's start and result are read from NUnit's objects
/// (<see cref="NUnitResultObjects"/>), which costs a fraction of NUnit writing its XML and the worker reading it back.
/// Built by reflection from the plugin's NUnit; null when that NUnit lacks a piece, and the caller then uses RunTests.
/// Events are synchronous (delivered on the test's thread, so a test that kills the process was already reported
/// as started), and NUnit's reporter is not safe to call from parallel test threads at once: it then reports one
/// test's result twice and loses another's. Events are therefore taken one at a time.
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

    /// <summary>Runs the tests <paramref name="filterXml"/> selects. With <paramref name="cases"/>, test cases reach the
    /// translator read from NUnit's result objects; everything else (suites, output, messages) as NUnit's XML events
    /// through <paramref name="onXml"/>.</summary>
    public void Run(NUnitEventTranslator translator, NUnitResultObjects? cases, Action<string> onXml, string filterXml)
    {
        object handler = System.Reflection.DispatchProxy.Create(_handlerType, typeof(CallbackHandler));
        ((CallbackHandler)handler).OnEvent = onXml;
        object filter = NUnitController.Unwrap(() => _filterFromXml.Invoke(null, [filterXml]))!;
        object reporter = NUnitController.Unwrap(() => _reporter.Invoke([handler]))!;
        object listener = System.Reflection.DispatchProxy.Create(_listenerType, typeof(OneEventAtATime));
        ((OneEventAtATime)listener).Connect(reporter, cases, translator);
        NUnitController.Unwrap(() => _run.Invoke(_runner, [listener, filter]));
    }

    /// <summary>NUnit's ITestListener: takes one event at a time (under one lock); a test case's start and result go
    /// to the translator from NUnit's objects, every other event (and a case whose objects cannot be read) to NUnit's reporter.</summary>
    public class OneEventAtATime : System.Reflection.DispatchProxy
    {
        private readonly Lock _gate = new();
        private object _reporter = null!;
        private NUnitResultObjects? _cases;
        private NUnitEventTranslator _translator = null!;

        public void Connect(object reporter, NUnitResultObjects? cases, NUnitEventTranslator translator)
        {
            _reporter = reporter;
            _cases = cases;
            _translator = translator;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is null) return null;
            lock (_gate)
            {
                if (_cases is not null && args is [{ } argument] && TryTakeCase(_cases, targetMethod.Name, argument)) return null;
                return NUnitController.Unwrap(() => targetMethod.Invoke(_reporter, args));
            }
        }

        private bool TryTakeCase(NUnitResultObjects cases, string method, object argument)
        {
            Action deliver;
            try
            {
                switch (method)
                {
                    case "TestStarted" when !cases.IsSuite(argument):
                        (string id, string fullName) = (cases.Id(argument), cases.FullName(argument));
                        deliver = () => _translator.OnTestStarted(id, fullName);
                        break;
                    case "TestFinished" when cases.TestOf(argument) is var test && !cases.IsSuite(test):
                        var result = cases.Read(argument, "", "");
                        (string caseId, string parentId) = (cases.Id(test), cases.ParentId(test));
                        deliver = () => _translator.OnTestCase(caseId, parentId, (plugin, file) => result with { Plugin = plugin, Assembly = file });
                        break;
                    default:
                        return false;
                }
            }
            catch (Exception e) when (e is TargetInvocationException or InvalidCastException or NullReferenceException)
            {
                return false; // NUnit's reporter writes this one as XML
            }
            try
            {
                deliver();
            }
            catch (Exception)
            {
                // As NUnit's reporter does with its handler: a listener's failure (a closed protocol channel) must not
                // break NUnit's run; the supervisor sees what arrived.
            }
            return true;
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
