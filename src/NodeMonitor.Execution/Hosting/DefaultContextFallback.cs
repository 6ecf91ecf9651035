using System.Reflection;
using System.Runtime.Loader;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Under `dotnet test` a test assembly and its dependencies are in the default load context, so whatever asks that
/// context for them by name finds them: <c>AssemblyLoadContext.Default.LoadFromAssemblyName</c>, an assembly loaded from
/// bytes (<c>Assembly.Load(byte[])</c>, whose references fall back to the default context), the references of an
/// assembly loaded with <c>Assembly.LoadFrom</c>. In the worker they live in the plugin's own context; the default
/// context answers a name it cannot find with the running plugin's assembly of that name (the same object the tests
/// use), so those loads succeed as under the test host. The worker's own assemblies are found before this is asked.
/// </summary>
internal static class DefaultContextFallback
{
    private static readonly Lock Gate = new();
    private static PluginLoadContext? _current;
    private static bool _installed;

    /// <summary>Answers the default context's misses from <paramref name="context"/> until the returned scope ends.</summary>
    public static IDisposable Enter(PluginLoadContext context)
    {
        lock (Gate)
        {
            if (!_installed)
            {
                AssemblyLoadContext.Default.Resolving += Resolve;
                _installed = true;
            }
            _current = context;
        }
        return new Scope(context);
    }

    private static Assembly? Resolve(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        PluginLoadContext? context;
        lock (Gate) context = _current;
        return context?.PathOf(name) is null ? null : context.LoadFromAssemblyName(name);
    }

    private sealed class Scope(PluginLoadContext context) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                if (ReferenceEquals(_current, context)) _current = null;
            }
        }
    }
}
