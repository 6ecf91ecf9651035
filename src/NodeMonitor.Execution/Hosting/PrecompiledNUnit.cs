using System.Collections.Concurrent;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// ReadyToRun images of nunit.framework and nunit.framework.legacy, precompiled when NodeMonitor is built (for the NUnit
/// version the plugin template pins) and shipped beside the worker in <see cref="FolderName"/>. A plugin's copy that is the
/// same build (same MVID) is loaded from the image instead: the same IL and metadata, so NUnit behaves the same, but its
/// code is not JIT-compiled at every run. Any other build, or no image, loads the plugin's own copy. Only the loaded file
/// differs: <c>Assembly.Location</c> of nunit.framework names the image (a test's own assembly is always the plugin's).
/// </summary>
internal static class PrecompiledNUnit
{
    public const string FolderName = "nunit-images";
    private static readonly string[] Names = ["nunit.framework.dll", "nunit.framework.legacy.dll"];
    private static readonly ConcurrentDictionary<string, Guid?> ImageVersions = new(StringComparer.Ordinal);

    /// <summary>The folder of the images beside the worker's own assemblies (not <c>AppContext.BaseDirectory</c>, which the
    /// worker points at the plugin's folder).</summary>
    public static string Folder { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(PrecompiledNUnit).Assembly.Location) ?? AppContext.BaseDirectory, FolderName);

    /// <summary>The file to load for the plugin's assembly at <paramref name="pluginCopy"/>: the image in
    /// <paramref name="folder"/> (default <see cref="Folder"/>) when it is the same build, otherwise the plugin's copy.</summary>
    public static string FileToLoad(string pluginCopy, string? folder = null) => FileToLoad(pluginCopy, pluginVersion: null, folder);

    /// <summary>As above, for a caller that has already read the plugin copy's MVID (<paramref name="pluginVersion"/>).</summary>
    public static string FileToLoad(string pluginCopy, Guid? pluginVersion, string? folder = null)
    {
        string name = Path.GetFileName(pluginCopy);
        if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase)) return pluginCopy;
        string image = Path.Combine(folder ?? Folder, name);
        var imageVersion = ImageVersions.GetOrAdd(image, static path => File.Exists(path) ? ModuleVersion.Of(path) : null);
        if (imageVersion is null) return pluginCopy;
        return (pluginVersion ?? ModuleVersion.Of(pluginCopy)) == imageVersion ? image : pluginCopy;
    }
}
