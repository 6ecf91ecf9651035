using NodeMonitor.Plugins.LinuxHealth.Judging;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.Checks;

/// <summary>
/// Many programs die in odd ways when they cannot write a temporary file: a full or read-only
/// /tmp (remounted ro after a disk error, an exhausted tmpfs) is worth knowing about on its own.
/// </summary>
[TestFixture]
public sealed class TempDirectoryChecks
{
    [Test]
    [CancelAfter(10000)]
    public async Task TempDirectoryAcceptsANewFile(CancellationToken cancellationToken)
    {
        var directory = Settings.FromEnvironment().Text(HealthSettings.TempDirectory);
        var path = Path.Combine(directory, $".nodemonitor-write-check-{Guid.NewGuid():N}.tmp");
        var content = new byte[4096];
        Random.Shared.NextBytes(content);

        try
        {
            await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await stream.WriteAsync(content, cancellationToken);
                // Flushing to disk surfaces "no space left" that delayed allocation would otherwise hide.
                stream.Flush(flushToDisk: true);
            }
            var readBack = await File.ReadAllBytesAsync(path, cancellationToken);
            File.Delete(path);

            Assert.That(readBack, Is.EqualTo(content), $"{directory}: a file read back differs from what was written");
            Assert.That(File.Exists(path), Is.False, $"{directory}: {path} is still there after deleting it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Assert.Fail($"{directory}: cannot create, write and delete a file ({HealthSettings.TempDirectory.Variable}): {e.Message}");
        }
        finally
        {
            if (File.Exists(path))
                File.Delete(path);
        }
    }
}
