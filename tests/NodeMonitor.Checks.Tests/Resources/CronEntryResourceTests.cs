namespace NodeMonitor.Checks.Tests.Resources;

public sealed class CronEntryResourceTests
{
    private string _root = "";
    private CronTables _tables = CronTables.Debian;

    [SetUp]
    public void WriteCronFiles()
    {
        _root = Directory.CreateTempSubdirectory("nodemonitor-cron-").FullName;
        _tables = new CronTables(Path.Combine(_root, "crontab"), Path.Combine(_root, "cron.d"), Path.Combine(_root, "crontabs"));
        Directory.CreateDirectory(_tables.CronD);
        Directory.CreateDirectory(_tables.UserSpool);
        File.WriteAllText(_tables.SystemCrontab, "SHELL=/bin/sh\n# m h dom mon dow user command\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n");
        File.WriteAllText(Path.Combine(_tables.CronD, "backup"), "MAILTO=ops\n30 2 * * *\tbackup /usr/local/bin/backup --all\n");
        File.WriteAllText(Path.Combine(_tables.UserSpool, "alice"), "@daily /home/alice/cleanup.sh\n");
    }

    [TearDown]
    public void RemoveCronFiles() => Directory.Delete(_root, recursive: true);

    [Test]
    public void An_entry_in_cron_d_has_its_schedule_and_user()
    {
        Assert.That(Resource.CronEntry("/usr/local/bin/backup", _tables), Its.Present.And.Schedule("30 2 * * *").And.User("backup"));
    }

    [Test]
    public void An_entry_in_the_system_crontab_is_found()
    {
        Assert.That(Resource.CronEntry("run-parts --report /etc/cron.hourly", _tables), Its.Schedule("17 * * * *").And.User("root"));
    }

    [Test]
    public void A_user_crontab_entry_belongs_to_the_file_owner_name()
    {
        Assert.That(Resource.CronEntry("cleanup.sh", _tables), Its.Schedule("@daily").And.User("alice"));
    }

    [Test]
    public void A_missing_entry_names_the_places_searched()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.CronEntry("logrotate", _tables), Its.Present));

        Assert.That(failure!.Message, Does.Contain("no such entry in").And.Contain(_tables.CronD));
    }

    [Test]
    public void Variable_lines_are_not_entries()
    {
        Assert.That(Resource.CronEntry("ops", _tables), Its.Not.Present);
    }
}
