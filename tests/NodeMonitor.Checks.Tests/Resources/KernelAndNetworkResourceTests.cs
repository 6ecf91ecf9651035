using System.Net;
using System.Net.Sockets;

namespace NodeMonitor.Checks.Tests.Resources;

public sealed class KernelAndNetworkResourceTests
{
    [Test]
    public void A_kernel_parameter_has_the_value_in_proc_sys()
    {
        var expected = File.ReadAllText("/proc/sys/kernel/ostype").Trim();

        Assert.That(Resource.KernelParameter("kernel.ostype"), Its.Present.And.Value(expected));
    }

    [Test]
    public void A_multi_value_kernel_parameter_is_compared_with_single_spaces()
    {
        Assert.That(Resource.KernelParameter("net.ipv4.ip_local_port_range"), Its.Value(Does.Match(@"^\d+ \d+$")));
    }

    [Test]
    public void An_unknown_kernel_parameter_is_not_present()
    {
        Assert.That(Resource.KernelParameter("kernel.no_such_parameter"), Its.Not.Present);
    }

    [Test]
    public void An_open_tcp_port_is_listening_on_its_address_and_a_closed_one_is_not()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.That(Resource.Port(port), Its.Listening.And.Address("127.0.0.1"));
        listener.Stop();
        Assert.That(Resource.Port(port), Its.Not.Listening);
    }

    [Test]
    public void An_ipv6_tcp_port_and_a_udp_port_are_listening()
    {
        using var tcp = new TcpListener(IPAddress.IPv6Any, 0);
        tcp.Start();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.That(Resource.Port(((IPEndPoint)tcp.LocalEndpoint).Port), Its.Listening.And.Address("::"));
        Assert.That(Resource.Port(((IPEndPoint)udp.Client.LocalEndPoint!).Port, "udp"), Its.Listening.And.Address("127.0.0.1"));
    }

    [Test]
    public void A_reachable_tcp_endpoint_connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.That(Resource.TcpEndpoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port), Its.Reachable);
    }

    [Test]
    public void The_loopback_interface_is_up_with_its_address()
    {
        Assert.That(Resource.Interface("lo"), Its.Present.And.Up.And.Address("127.0.0.1").And.Mtu(int.Parse(File.ReadAllText("/sys/class/net/lo/mtu"))));
        Assert.That(Resource.Interface("nosuch0"), Its.Not.Present);
    }

    [Test]
    public void Localhost_resolves_to_the_loopback_address()
    {
        Assert.That(Resource.Dns("localhost"), Its.Resolvable.And.Address("127.0.0.1"));
    }

    [Test]
    public void A_name_that_cannot_resolve_is_not_resolvable()
    {
        Assert.That(Resource.Dns("no-such-host.invalid"), Its.Not.Resolvable);
    }

    [Test]
    public void The_root_mount_is_present_with_free_space()
    {
        Assert.That(Resource.Mount("/"), Its.Present.And.FreeBytes(Is.GreaterThan(0)).And.FreePercent(Is.InRange(0, 100)));
        Assert.That(Resource.Mount("/proc"), Its.FileSystemType("proc"));
        Assert.That(Resource.Mount("/no/such/mount"), Its.Not.Present);
    }

    [Test]
    public void Mount_options_are_read_from_the_mount_table()
    {
        var rootOptions = File.ReadLines("/proc/self/mounts").Select(l => l.Split(' ')).Last(f => f[1] == "/")[3].Split(',');

        Assert.That(Resource.Mount("/"), Its.Option(rootOptions[0]));
        Assert.That(Resource.Mount("/"), Its.Not.Option("no-such-option"));
    }

    [Test]
    public void A_running_process_is_counted_and_a_missing_one_is_not_running()
    {
        var ownName = File.ReadAllText("/proc/self/comm").Trim();

        Assert.That(Resource.Process(ownName), Its.Running.And.Count(Is.GreaterThanOrEqualTo(1)));
        Assert.That(Resource.Process("no-such-process"), Its.Not.Running);
    }

    [Test]
    public void A_loaded_or_built_in_kernel_module_is_loaded()
    {
        var module = Directory.EnumerateDirectories("/sys/module").Select(Path.GetFileName).First();

        Assert.That(Resource.KernelModule(module!), Its.Loaded);
        Assert.That(Resource.KernelModule("no_such_module"), Its.Not.Loaded);
    }

    [Test]
    public void An_environment_variable_has_its_value()
    {
        Assert.That(Resource.EnvironmentVariable("PATH"), Its.Present.And.Value(Does.Contain("/")));
        Assert.That(Resource.EnvironmentVariable("NODEMONITOR_NO_SUCH_VARIABLE"), Its.Not.Present);
    }

    [Test]
    public void A_service_on_a_node_without_systemd_fails_saying_systemd_is_not_running()
    {
        Assume.That(Directory.Exists("/run/systemd/system"), Is.False, "this node runs systemd");

        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.Service("ssh"), Its.Running));

        Assert.That(failure!.Message, Does.Contain("service ssh.service: expected running, found systemd is not running"));
    }
}
