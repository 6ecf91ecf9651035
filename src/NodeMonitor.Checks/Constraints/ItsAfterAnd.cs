using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>
/// The <see cref="Its"/> constraints after <c>.And</c>, <c>.Or</c> or <c>.Not</c>:
/// <c>Its.Present.And.Mode("0644").And.Not.Size(0)</c>. Generated from <see cref="Its"/>, one line each.
/// A name NUnit's ConstraintExpression already has as a method (Member, Contains...) would be shadowed
/// here, which is why <see cref="Its"/> avoids those names.
/// </summary>
public static class ItsAfterAnd
{
    extension(ConstraintExpression expression)
    {
        public Constraint Present => expression.Append(Its.Present);
        public Constraint Installed => expression.Append(Its.Installed);
        public Constraint Loaded => expression.Append(Its.Loaded);
        public Constraint Resolvable => expression.Append(Its.Resolvable);
        public Constraint Running => expression.Append(Its.Running);
        public Constraint Enabled => expression.Append(Its.Enabled);
        public Constraint Listening => expression.Append(Its.Listening);
        public Constraint Up => expression.Append(Its.Up);
        public Constraint Reachable => expression.Append(Its.Reachable);
        public Constraint Mode(string octal) => expression.Append(Its.Mode(octal));
        public Constraint Owner(string user) => expression.Append(Its.Owner(user));
        public Constraint Group(string group) => expression.Append(Its.Group(group));
        public Constraint Size(long bytes) => expression.Append(Its.Size(bytes));
        public Constraint Size(IResolveConstraint bytes) => expression.Append(Its.Size(bytes));
        public Constraint Content(IResolveConstraint content) => expression.Append(Its.Content(content));
        public Constraint Containing(string text) => expression.Append(Its.Containing(text));
        public Constraint LinkTo(string target) => expression.Append(Its.LinkTo(target));
        public Constraint Count(int count) => expression.Append(Its.Count(count));
        public Constraint Count(IResolveConstraint count) => expression.Append(Its.Count(count));
        public Constraint Address(string address) => expression.Append(Its.Address(address));
        public Constraint Addresses(IResolveConstraint addresses) => expression.Append(Its.Addresses(addresses));
        public Constraint Version(string version) => expression.Append(Its.Version(version));
        public Constraint Version(IResolveConstraint version) => expression.Append(Its.Version(version));
        public Constraint Uid(int uid) => expression.Append(Its.Uid(uid));
        public Constraint Gid(int gid) => expression.Append(Its.Gid(gid));
        public Constraint Home(string path) => expression.Append(Its.Home(path));
        public Constraint Shell(string path) => expression.Append(Its.Shell(path));
        public Constraint MemberOf(string group) => expression.Append(Its.MemberOf(group));
        public Constraint MemberNamed(string user) => expression.Append(Its.MemberNamed(user));
        public Constraint ExitCode(int code) => expression.Append(Its.ExitCode(code));
        public Constraint Stdout(IResolveConstraint output) => expression.Append(Its.Stdout(output));
        public Constraint Stderr(IResolveConstraint output) => expression.Append(Its.Stderr(output));
        public Constraint FinishedWithin(TimeSpan limit) => expression.Append(Its.FinishedWithin(limit));
        public Constraint Status(int status) => expression.Append(Its.Status(status));
        public Constraint Body(IResolveConstraint body) => expression.Append(Its.Body(body));
        public Constraint Header(string name, string value) => expression.Append(Its.Header(name, value));
        public Constraint Header(string name, IResolveConstraint value) => expression.Append(Its.Header(name, value));
        public Constraint CertificateDaysLeft(IResolveConstraint days) => expression.Append(Its.CertificateDaysLeft(days));
        public Constraint Option(string option) => expression.Append(Its.Option(option));
        public Constraint FileSystemType(string type) => expression.Append(Its.FileSystemType(type));
        public Constraint FreeBytes(IResolveConstraint bytes) => expression.Append(Its.FreeBytes(bytes));
        public Constraint FreePercent(IResolveConstraint percent) => expression.Append(Its.FreePercent(percent));
        public Constraint Value(string value) => expression.Append(Its.Value(value));
        public Constraint Value(IResolveConstraint value) => expression.Append(Its.Value(value));
        public Constraint Mtu(int mtu) => expression.Append(Its.Mtu(mtu));
        public Constraint Schedule(string schedule) => expression.Append(Its.Schedule(schedule));
        public Constraint User(string user) => expression.Append(Its.User(user));
    }
}
