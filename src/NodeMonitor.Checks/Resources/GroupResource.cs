namespace NodeMonitor.Checks;

/// <summary>A local group from /etc/group: present, gid, members (listed members and users whose primary group it is).</summary>
public sealed class GroupResource(string name) : NodeResource
{
    public override string Description => $"group {name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Gid or Fact.Members))
        {
            return null;
        }

        if (!AccountTables.Groups.ByName.TryGetValue(name, out var group))
        {
            return fact == Fact.Present ? Finding.State(false, $"no group {name} in {AccountTables.GroupPath}") : Finding.Absent("no such group");
        }

        return fact switch
        {
            Fact.Present => Finding.State(true, $"group {name} (gid {group.Gid})"),
            Fact.Gid => Finding.Of(group.Gid),
            _ => Finding.Of(group.Members
                .Concat(AccountTables.Users.ByName.Values.Where(u => u.Gid == group.Gid).Select(u => u.Name))
                .Distinct().ToList()),
        };
    }
}
