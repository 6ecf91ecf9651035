using System.Reflection;
using System.Xml;

namespace NodeMonitor.Execution.Hosting;

/// <summary>A test assembly loaded into its own context with NUnit's controller ready, or the reason it could not be.</summary>
internal sealed record LoadedAssembly(NUnitController Controller, string? FrameworkVersion)
{
    private const string NUnitName = "nunit.framework";

    /// <summary>Loads <paramref name="path"/>; throws <see cref="AssemblyLoadException"/> with a sentence for people.</summary>
    public static LoadedAssembly Load(string path)
    {
        string file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new AssemblyLoadException($"{file} was not found in the plugin folder");

        var context = new PluginLoadContext(path);
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        }
        catch (BadImageFormatException)
        {
            throw new AssemblyLoadException($"{file} is not a .NET assembly");
        }

        var nunitReference = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == NUnitName)
            ?? throw new AssemblyLoadException($"{file} does not reference nunit.framework, so it is not an NUnit test assembly");
        DependencyCheck.ThrowIfMissing(context, assembly, file);

        var nunit = context.LoadFromAssemblyName(nunitReference);
        var controller = NUnitController.Create(nunit, assembly, Path.GetDirectoryName(Path.GetFullPath(path))!);
        ThrowIfNotRunnable(controller.LoadTests(), file);
        return new LoadedAssembly(controller, VersionOf(nunit));
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
