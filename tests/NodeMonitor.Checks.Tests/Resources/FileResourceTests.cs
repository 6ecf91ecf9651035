using NodeMonitor.Checks;

namespace NodeMonitor.Checks.Tests.Resources;

[Category("Integration")]
public sealed class FileResourceTests
{
    private string _directory = "";
    private string _file = "";

    [SetUp]
    public void CreateFile()
    {
        _directory = Directory.CreateTempSubdirectory("nodemonitor-file-").FullName;
        _file = Path.Combine(_directory, "settings.conf");
        File.WriteAllText(_file, "listen = 8080\n");
        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [TearDown]
    public void RemoveFile() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_file_reports_its_mode_size_and_content()
    {
        Assert.That(Resource.File(_file), Its.Present.And.Mode("0600").And.Size(14).And.Containing("listen = 8080"));
    }

    [Test]
    public void A_failed_mode_says_which_file_what_was_expected_and_what_was_found()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.File(_file), Its.Mode("0644")));

        Assert.That(failure!.Message, Does.Contain($"file {_file}: expected mode 0644, found mode 0600"));
    }

    [Test]
    public void A_combined_constraint_names_the_part_that_failed()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.File(_file), Its.Present.And.Mode("0644")));

        Assert.That(failure!.Message, Does.Contain("present and mode 0644").And.Contain($"file {_file}: mode 0600"));
    }

    [Test]
    public void A_missing_file_is_not_present_and_says_so()
    {
        var missing = Resource.File(Path.Combine(_directory, "absent"));

        Assert.That(missing, Its.Not.Present);
        var failure = Assert.Throws<AssertionException>(() => Assert.That(missing, Its.Mode("0644")));
        Assert.That(failure!.Message, Does.Contain("expected mode 0644, found no such file or directory"));
    }

    [Test]
    public void A_directory_is_not_a_file_and_a_file_is_not_a_directory()
    {
        Assert.That(Resource.Directory(_directory), Its.Present);
        Assert.That(Resource.File(_directory), Its.Not.Present);
        Assert.That(Resource.Directory(_file), Its.Not.Present);
    }

    [Test]
    public void Owner_and_group_are_read_by_name_after_chown()
    {
        Assume.That(Environment.UserName, Is.EqualTo("root"), "chown needs root");
        RunChown("nobody:nogroup", _file);

        Assert.That(Resource.File(_file), Its.Owner("nobody").And.Group("nogroup"));
    }

    [Test]
    public void A_symbolic_link_reports_its_target()
    {
        var link = Path.Combine(_directory, "link");
        File.CreateSymbolicLink(link, _file);

        Assert.That(Resource.File(link), Its.LinkTo(_file).And.Present);
    }

    [Test]
    public void A_mode_that_is_not_octal_is_a_clear_error()
    {
        Assert.That(() => Its.Mode("rw-r--r--"), Throws.ArgumentException.With.Message.Contains("not an octal permission"));
    }

    [Test]
    public void A_constraint_that_does_not_apply_fails_and_says_so()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.File(_file), Its.ExitCode(0)));

        Assert.That(failure!.Message, Does.Contain("exit code 0 does not apply to a file resource"));
    }

    private static void RunChown(string owner, string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [owner, path]);
        chown.WaitForExit();
        Assert.That(chown.ExitCode, Is.Zero);
    }
}
