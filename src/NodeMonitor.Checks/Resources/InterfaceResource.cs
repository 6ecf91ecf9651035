using System.Globalization;
using System.Net.NetworkInformation;

namespace NodeMonitor.Checks;

/// <summary>
/// A network interface, from /sys/class/net/[name] and the system's address list: present, up
/// (the IFF_UP flag, which `ip link set up` sets), addresses, mtu.
/// </summary>
public sealed class InterfaceResource(string name) : NodeResource
{
    private const int InterfaceUpFlag = 0x1;

    private string SysPath => "/sys/class/net/" + name;

    public override string Description => $"interface {name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Up or Fact.Addresses or Fact.Mtu))
        {
            return null;
        }

        if (!Directory.Exists(SysPath))
        {
            return fact is Fact.Present or Fact.Up ? Finding.State(false, $"no interface {name}") : Finding.Absent($"no interface {name}");
        }

        return fact switch
        {
            Fact.Present => Finding.State(true, "present"),
            Fact.Up => Up(),
            Fact.Mtu => Finding.Of(int.Parse(ReadSys("mtu"), CultureInfo.InvariantCulture)),
            _ => Finding.Of(Addresses()),
        };
    }

    private Finding Up()
    {
        var flags = Convert.ToInt32(ReadSys("flags"), 16);
        var operState = ReadSys("operstate");
        return Finding.State((flags & InterfaceUpFlag) != 0, (flags & InterfaceUpFlag) != 0 ? $"up (link {operState})" : $"down (link {operState})");
    }

    private List<string> Addresses() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.Name == name)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address.ToString())
        .ToList();

    private string ReadSys(string attribute) => File.ReadAllText($"{SysPath}/{attribute}").Trim();
}
