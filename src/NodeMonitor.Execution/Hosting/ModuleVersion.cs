using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NodeMonitor.Execution.Hosting;

/// <summary>The module version id (MVID) of an assembly file: the same for two files exactly when they are one build, and
/// kept by ReadyToRun compilation, which adds native code beside the unchanged IL and metadata.</summary>
internal static class ModuleVersion
{
    /// <summary>Null when the file cannot be read as a .NET assembly.</summary>
    public static Guid? Of(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata) return null;
            var metadata = pe.GetMetadataReader();
            return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
