namespace NodeMonitor.Http.Tests;

/// <summary>Debian's Chromium, headless, loading one page with a throw-away profile and printing the DOM after scripts ran.</summary>
internal static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(string url)
    {
        string chromium = ExternalTool.Find("chromium");
        string profile = Path.Combine(Path.GetTempPath(), "nm-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var dump = await Task.Run(() => ExternalTool.Run(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", url,
            ]));
            Assert.That(dump.ExitCode, Is.EqualTo(0), dump.Stderr);
            return dump.Stdout;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
