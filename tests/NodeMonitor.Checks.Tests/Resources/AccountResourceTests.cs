using System.Diagnostics;

namespace NodeMonitor.Checks.Tests.Resources;

/// <summary>A real user and group, added with useradd for these tests and removed afterwards.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class AccountResourceTests
{
    private const string UserName = "nmcheckuser";
    private const string GroupName = "nmcheckgroup";

    [OneTimeSetUp]
    public void AddUserAndGroup()
    {
        Assume.That(Environment.UserName, Is.EqualTo("root"), "useradd needs root");
        RemoveUserAndGroup();
        Run("groupadd", GroupName);
        Run("useradd", "--uid", "4711", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--groups", GroupName, UserName);
    }

    [OneTimeTearDown]
    public void RemoveUserAndGroup()
    {
        if (Environment.UserName != "root")
        {
            return;
        }

        RunIgnoringFailure("userdel", UserName);
        RunIgnoringFailure("groupdel", UserName);
        RunIgnoringFailure("groupdel", GroupName);
    }

    [Test]
    public void An_added_user_is_present_with_its_uid_home_shell_and_groups()
    {
        Assert.That(Resource.User(UserName),
            Its.Present.And.Uid(4711).And.Home("/nonexistent").And.Shell("/usr/sbin/nologin").And.MemberOf(GroupName));
    }

    [Test]
    public void An_added_group_lists_the_user_as_member()
    {
        Assert.That(Resource.Group(GroupName), Its.Present.And.MemberNamed(UserName));
    }

    [Test]
    public void A_removed_user_is_no_longer_present_although_passwd_was_read_before()
    {
        Assert.That(Resource.User(UserName), Its.Present);
        Run("useradd", "--no-create-home", "nmcheckgone");
        Assert.That(Resource.User("nmcheckgone"), Its.Present);

        Run("userdel", "nmcheckgone");
        RunIgnoringFailure("groupdel", "nmcheckgone");

        Assert.That(Resource.User("nmcheckgone"), Its.Not.Present);
    }

    [Test]
    public void A_missing_user_fails_naming_the_passwd_file()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.User("nosuchuser"), Its.Present));

        Assert.That(failure!.Message, Does.Contain("user nosuchuser: expected present, found no user nosuchuser in /etc/passwd"));
    }

    [Test]
    public void Root_is_uid_zero_in_group_root()
    {
        Assert.That(Resource.User("root"), Its.Uid(0).And.Gid(0).And.MemberOf("root"));
        Assert.That(Resource.Group("root"), Its.Gid(0));
    }

    private static void Run(string program, params string[] arguments) =>
        Assert.That(RunIgnoringFailure(program, arguments), Is.Zero, $"{program} {string.Join(' ', arguments)}");

    private static int RunIgnoringFailure(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
