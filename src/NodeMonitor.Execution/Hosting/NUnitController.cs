using System.Collections;
using System.Reflection;
using NodeMonitor.Execution.NUnit;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// NUnit's FrameworkController, reached by reflection so one worker drives any NUnit 4.x or 5.x a plugin ships.
/// The controller gets the Assembly object, not its path: the path constructor would load the test
/// assembly outside the plugin's load context.
/// </summary>
internal sealed class NUnitController
{
    private const string ControllerType = "NUnit.Framework.Api.FrameworkController";
    private readonly object _controller;
    private readonly Type _type;

    private NUnitController(object controller)
    {
        _controller = controller;
        _type = controller.GetType();
    }

    public static NUnitController Create(Assembly nunitFramework, Assembly testAssembly, string workDirectory,
        IReadOnlyDictionary<string, string> parameters)
    {
        var type = nunitFramework.GetType(ControllerType, throwOnError: true)!;
        var settings = new Dictionary<string, object>
        {
            // Events are delivered on the test's own thread before it goes on, so a test that kills the
            // process has already been reported as started.
            ["SynchronousEvents"] = true,
            ["WorkDirectory"] = workDirectory,
            // TestContext.Parameters, as the NUnit adapter passes a runsettings file's TestRunParameters.
            ["TestParametersDictionary"] = new Dictionary<string, string>(parameters),
        };
        var ctor = type.GetConstructor([typeof(Assembly), typeof(string), typeof(IDictionary)])
            ?? throw new MissingMethodException(ControllerType, ".ctor(Assembly, string, IDictionary)");
        return new NUnitController(Unwrap(() => ctor.Invoke([testAssembly, "0", settings]))!);
    }

    public string LoadTests() => (string)Call("LoadTests", [])!;

    public string ExploreTests(string filter) => (string)Call("ExploreTests", [typeof(string)], filter)!;

    public int CountTests(string filter) => (int)Call("CountTests", [typeof(string)], filter)!;

    /// <summary>Runs the selected tests into <paramref name="translator"/>: test cases read from NUnit's result objects
    /// when its runner can be driven directly (<see cref="DirectRun"/>), every other event as NUnit's XML through
    /// <paramref name="onXml"/> (every event, with FrameworkController.RunTests).</summary>
    public void RunTests(NUnitEventTranslator translator, Action<string> onXml, string filter)
    {
        if (DirectRun.TryCreate(_controller) is { } direct) direct.Run(translator, NUnitResultObjects.TryCreate(_type.Assembly), onXml, filter);
        else Call("RunTests", [typeof(Action<string>), typeof(string)], onXml, filter);
    }

    private object? Call(string name, Type[] parameters, params object?[] arguments)
    {
        var method = _type.GetMethod(name, parameters)
            ?? throw new MissingMethodException(ControllerType, name);
        return Unwrap(() => method.Invoke(_controller, arguments));
    }

    internal static object? Unwrap(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
