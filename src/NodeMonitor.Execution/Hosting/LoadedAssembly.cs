using System.Reflection;
using System.Runtime.Loader;
using System.Xml;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// A test assembly loaded into its own context with NUnit's controller ready, or the reason it could not be.
/// While it is alive the plugin's context is the contextual reflection context (on every thread NUnit starts from
/// here too), so reflection by name from plugin code (TypeDescriptor and [TypeConverter], Type.GetType("T, A"),
/// Activator.CreateInstance(assembly, type), XmlSerializer, Assembly.Load) resolves the plugin's own assemblies,
/// as it does under `dotnet test`, where they are in the default context.
/// </summary>
internal sealed class LoadedAssembly : IDisposable
{
    private const string NUnitName = "nunit.framework";
    private readonly AssemblyLoadContext.ContextualReflectionScope _reflectionScope;
    private readonly IDisposable _defaultContextScope;

    private LoadedAssembly(NUnitController controller, string? frameworkVersion, AssemblyLoadContext.ContextualReflectionScope scope,
        IDisposable defaultContextScope)
    {
        Controller = controller;
        FrameworkVersion = frameworkVersion;
        _reflectionScope = scope;
        _defaultContextScope = defaultContextScope;
    }

    public NUnitController Controller { get; }

    public string? FrameworkVersion { get; }

    /// <summary>Loads <paramref name="path"/>; throws <see cref="AssemblyLoadException"/> with a sentence for people.</summary>
    public static LoadedAssembly Load(string path, IReadOnlyDictionary<string, string> parameters)
    {
        string file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new AssemblyLoadException($"{file} was not found in the plugin folder");

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        // Run parameters live in a static of nunit.framework: a plugin with parameters keeps its own copy.
        var context = new PluginLoadContext(fullPath, shareNUnit: parameters.Count == 0);
        var dependencies = PluginDependencies.Read(PluginSurroundings.DepsFile(fullPath), context);
        PluginSurroundings.Enter(fullPath, dependencies);
        var scope = context.EnterContextualReflection();
        var defaultContextScope = DefaultContextFallback.Enter(context);
        try
        {
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(fullPath);
            }
            catch (BadImageFormatException)
            {
                throw new AssemblyLoadException($"{file} is not a .NET assembly");
            }

            var nunitReference = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == NUnitName)
                ?? throw new AssemblyLoadException($"{file} does not reference nunit.framework, so it is not an NUnit test assembly");
            DependencyCheck.ThrowIfMissing(context, assembly, file, dependencies.ListedAssemblies);
            Assembly.SetEntryAssembly(assembly);

            var nunit = context.LoadFromAssemblyName(nunitReference);
            var controller = NUnitController.Create(nunit, assembly, directory, parameters);
            ThrowIfNotRunnable(controller.LoadTests(), file);
            return new LoadedAssembly(controller, VersionOf(nunit), scope, defaultContextScope);
        }
        catch
        {
            defaultContextScope.Dispose();
            scope.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _defaultContextScope.Dispose();
        _reflectionScope.Dispose();
    }

    // NUnit reports an assembly it cannot use as a NotRunnable suite with the reason in _SKIPREASON.
    private static void ThrowIfNotRunnable(string loadXml, string file)
    {
        using var reader = XmlReader.Create(new StringReader(loadXml));
        reader.MoveToContent();
        if (reader.GetAttribute("runstate") != "NotRunnable") return;
        string reason = "NUnit cannot run it";
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "property" && reader.GetAttribute("name") == "_SKIPREASON")
            {
                reason = reader.GetAttribute("value") ?? reason;
                break;
            }
        }
        throw new AssemblyLoadException($"{file} is not runnable: {reason}");
    }

    private static string? VersionOf(Assembly nunit)
    {
        string? informational = nunit.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? nunit.GetName().Version?.ToString();
    }
}

/// <summary>A test assembly that cannot be loaded; the message is one line naming the file and the reason.</summary>
internal sealed class AssemblyLoadException(string message) : Exception(message);
