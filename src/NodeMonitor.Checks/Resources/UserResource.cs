namespace NodeMonitor.Checks;

/// <summary>A local user from /etc/passwd and /etc/group: present, uid, gid, home, shell, groups.</summary>
public sealed class UserResource(string name) : NodeResource
{
    public override string Description => $"user {name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Uid or Fact.Gid or Fact.Home or Fact.Shell or Fact.Groups))
        {
            return null;
        }

        if (!AccountTables.Users.ByName.TryGetValue(name, out var user))
        {
            return fact == Fact.Present ? Finding.State(false, $"no user {name} in {AccountTables.PasswdPath}") : Finding.Absent($"no such user");
        }

        return fact switch
        {
            Fact.Present => Finding.State(true, $"user {name} (uid {user.Uid})"),
            Fact.Uid => Finding.Of(user.Uid),
            Fact.Gid => Finding.Of(user.Gid),
            Fact.Home => Finding.Of(user.Home, user.Home),
            Fact.Shell => Finding.Of(user.Shell, user.Shell),
            _ => Finding.Of(GroupsOf(user)),
        };
    }

    private static List<string> GroupsOf(PasswdEntry user)
    {
        var groups = AccountTables.Groups;
        var names = groups.ById.TryGetValue(user.Gid, out var primary) ? new List<string> { primary.Name } : [];
        names.AddRange(groups.ByName.Values.Where(g => g.Members.Contains(user.Name) && g.Gid != user.Gid).Select(g => g.Name));
        return names;
    }
}
