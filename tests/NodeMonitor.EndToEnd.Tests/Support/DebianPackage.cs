using System.Xml.Linq;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>The .deb that build/package.sh makes, rebuilt first when any of its inputs is newer than it.</summary>
internal static class DebianPackage
{
    private static readonly string[] Inputs = ["src", "plugins", "samples/systemd", "build/debian", "build/package.sh", "Directory.Build.props"];

    public static string Version { get; } = XDocument.Load(System.IO.Path.Combine(Repo.Root, "Directory.Build.props"))
        .Descendants("Version").Single().Value.Trim();

    public static string Path => System.IO.Path.Combine(Repo.Root, "artifacts", $"nodemonitor_{Version}_amd64.deb");

    /// <summary>The package of the current sources: built by build/package.sh unless it is newer than every input.</summary>
    public static string Current()
    {
        if (!File.Exists(Path) || NewestInput() > File.GetLastWriteTimeUtc(Path))
        {
            var build = ChildProcess.Run(System.IO.Path.Combine(Repo.Root, "build", "package.sh"), [], Repo.Root,
                new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1" }, TimeSpan.FromMinutes(20));
            build.AssertSucceeded("build/package.sh");
            TestContext.Progress.WriteLine(build.Stdout);
        }
        return Path;
    }

    /// <summary>The same package at a higher version (<c>VERSION+upgrade1</c>), as the next release would come.</summary>
    public static string NextVersion(string deb, string folder)
    {
        string tree = System.IO.Path.Combine(folder, "next");
        Run("dpkg-deb", "-R", deb, tree);
        string control = System.IO.Path.Combine(tree, "DEBIAN", "control");
        File.WriteAllLines(control, File.ReadAllLines(control)
            .Select(line => line.StartsWith("Version: ", StringComparison.Ordinal) ? $"Version: {Version}+upgrade1" : line));
        string next = System.IO.Path.Combine(folder, $"nodemonitor_{Version}+upgrade1_amd64.deb");
        Run("dpkg-deb", "-Znone", "--root-owner-group", "-b", tree, next);
        Directory.Delete(tree, recursive: true);
        return next;
    }

    private static void Run(string program, params string[] args) =>
        ChildProcess.Run(program, args).AssertSucceeded($"{program} {string.Join(' ', args)}");

    private static DateTime NewestInput() => Inputs
        .Select(i => System.IO.Path.Combine(Repo.Root, i))
        .SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            : File.Exists(p) ? [p] : [])
        .Select(File.GetLastWriteTimeUtc)
        .DefaultIfEmpty(DateTime.MinValue)
        .Max();
}
