using NUnit.Framework;
using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>
/// Constraints on a <see cref="Resource"/>, NUnit style:
/// <c>Assert.That(Resource.Service("ssh"), Its.Running.And.Enabled)</c>.
/// Every constraint here can also follow <c>.And</c>, <c>.Or</c> and <c>.Not</c> (see <see cref="ItsAfterAnd"/>).
/// A constraint that does not apply to the resource (a mode of a service) fails and says so.
/// </summary>
public static class Its
{
    /// <summary>Negates the constraint that follows: <c>Its.Not.Present</c>.</summary>
    public static ConstraintExpression Not => new ConstraintExpression().Not;

    // States.
    public static Constraint Present => new StateConstraint(Fact.Present, "present");
    public static Constraint Installed => new StateConstraint(Fact.Present, "installed");
    public static Constraint Loaded => new StateConstraint(Fact.Present, "loaded");
    public static Constraint Resolvable => new StateConstraint(Fact.Present, "resolvable");
    public static Constraint Running => new StateConstraint(Fact.Running, "running");
    public static Constraint Enabled => new StateConstraint(Fact.Enabled, "enabled");
    public static Constraint Listening => new StateConstraint(Fact.Listening, "listening");
    public static Constraint Up => new StateConstraint(Fact.Up, "up");
    public static Constraint Reachable => new StateConstraint(Fact.Reachable, "reachable");

    // Files and directories.
    /// <summary>Permission bits in octal, "0644" or "644".</summary>
    public static Constraint Mode(string octal) => Exactly(Fact.Mode, "mode", FileModeText.Normalize(octal));
    public static Constraint Owner(string user) => Exactly(Fact.Owner, "owner", user);
    public static Constraint Group(string group) => Exactly(Fact.Group, "group", group);
    public static Constraint Size(long bytes) => Exactly(Fact.Size, "size", bytes);
    public static Constraint Size(IResolveConstraint bytes) => new ValueConstraint(Fact.Size, "size", bytes);
    public static Constraint Content(IResolveConstraint content) => new ValueConstraint(Fact.Content, "content", content);
    public static Constraint Containing(string text) =>
        new ValueConstraint(Fact.Content, "content", Does.Contain(text), expectedText: $"content containing \"{text}\"");
    public static Constraint LinkTo(string target) => Exactly(Fact.LinkTarget, "link to", target);

    // Processes, ports, addresses.
    public static Constraint Count(int count) => Exactly(Fact.Count, "count", count);
    public static Constraint Count(IResolveConstraint count) => new ValueConstraint(Fact.Count, "count", count);
    public static Constraint Address(string address) =>
        new ValueConstraint(Fact.Addresses, "addresses", Has.Member(address), expectedText: $"address {address}");
    public static Constraint Addresses(IResolveConstraint addresses) => new ValueConstraint(Fact.Addresses, "addresses", addresses);

    // Packages.
    public static Constraint Version(string version) => Exactly(Fact.Version, "version", version);
    public static Constraint Version(IResolveConstraint version) => new ValueConstraint(Fact.Version, "version", version);

    // Users and groups.
    public static Constraint Uid(int uid) => Exactly(Fact.Uid, "uid", uid);
    public static Constraint Gid(int gid) => Exactly(Fact.Gid, "gid", gid);
    public static Constraint Home(string path) => Exactly(Fact.Home, "home", path);
    public static Constraint Shell(string path) => Exactly(Fact.Shell, "shell", path);
    public static Constraint MemberOf(string group) =>
        new ValueConstraint(Fact.Groups, "groups", Has.Member(group), expectedText: $"member of {group}");
    public static Constraint MemberNamed(string user) =>
        new ValueConstraint(Fact.Members, "members", Has.Member(user), expectedText: $"member {user}");

    // Commands.
    public static Constraint ExitCode(int code) => Exactly(Fact.ExitCode, "exit code", code);
    public static Constraint Stdout(IResolveConstraint output) => new ValueConstraint(Fact.Stdout, "stdout", output);
    public static Constraint Stderr(IResolveConstraint output) => new ValueConstraint(Fact.Stderr, "stderr", output);
    public static Constraint FinishedWithin(TimeSpan limit) =>
        new ValueConstraint(Fact.Duration, "duration", Is.LessThanOrEqualTo(limit), expectedText: $"finished within {limit.TotalSeconds:0.###} s");

    // HTTP endpoints.
    public static Constraint Status(int status) => Exactly(Fact.Status, "status", status);
    public static Constraint Body(IResolveConstraint body) => new ValueConstraint(Fact.Body, "body", body);
    public static Constraint Header(string name, string value) =>
        new ValueConstraint(Fact.Header, $"header {name}", Is.EqualTo(value), name, $"header {name}: {value}");
    public static Constraint Header(string name, IResolveConstraint value) => new ValueConstraint(Fact.Header, $"header {name}", value, name);
    public static Constraint CertificateDaysLeft(IResolveConstraint days) => new ValueConstraint(Fact.CertificateDaysLeft, "certificate days left", days);

    // Mounts.
    public static Constraint Option(string option) =>
        new ValueConstraint(Fact.Options, "options", Has.Member(option), expectedText: $"option {option}");
    public static Constraint FileSystemType(string type) => Exactly(Fact.FileSystemType, "filesystem", type);
    public static Constraint FreeBytes(IResolveConstraint bytes) => new ValueConstraint(Fact.FreeBytes, "free bytes", bytes);
    public static Constraint FreePercent(IResolveConstraint percent) => new ValueConstraint(Fact.FreePercent, "free percent", percent);

    // Kernel parameters, environment variables, interfaces, cron.
    public static Constraint Value(string value) => Exactly(Fact.Value, "value", value);
    public static Constraint Value(IResolveConstraint value) => new ValueConstraint(Fact.Value, "value", value);
    public static Constraint Mtu(int mtu) => Exactly(Fact.Mtu, "mtu", mtu);
    public static Constraint Schedule(string schedule) => Exactly(Fact.Schedule, "schedule", schedule);
    public static Constraint User(string user) => Exactly(Fact.User, "user", user);

    private static ValueConstraint Exactly(Fact fact, string name, object value) =>
        new(fact, name, Is.EqualTo(value), expectedText: $"{name} {value}");
}
