using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NodeMonitor.Core.Discovery;

/// <summary>
/// Finds a folder's NUnit test assemblies by reading metadata only: loading a plugin's code into the
/// host would let one broken plugin break discovery for all (and cost far more time on every cron tick).
/// </summary>
internal static class TestAssemblyProbe
{
    private const string DepsSuffix = ".deps.json";
    private const string NUnitFramework = "nunit.framework";

    /// <summary>
    /// Test assemblies in <paramref name="directory"/>: a <c>name.dll</c> with a <c>name.deps.json</c> beside it
    /// (what <c>dotnet build/publish</c> writes for an entry assembly) that references nunit.framework.
    /// Starting from the .deps.json files means the many dependency dlls of a published plugin are never opened.
    /// </summary>
    public static IReadOnlyList<string> FindIn(string directory)
    {
        var found = new List<string>();
        foreach (string deps in Directory.EnumerateFiles(directory, "*" + DepsSuffix))
        {
            string name = Path.GetFileName(deps)[..^DepsSuffix.Length];
            if (name.StartsWith(NUnitFramework, StringComparison.OrdinalIgnoreCase)) continue;
            string dll = Path.Combine(directory, name + ".dll");
            if (File.Exists(dll) && ReferencesNUnit(dll)) found.Add(dll);
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>True when the file is a .NET assembly with a reference to nunit.framework; false for anything unreadable.</summary>
    public static bool ReferencesNUnit(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return false;
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.StringComparer.Equals(reference.Name, NUnitFramework, ignoreCase: true)) return true;
            }
            return false;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }
}
