using System.Net;
using System.Net.Sockets;
using SupportBot.Hosting;
using SupportBot.Hosting.Processes;
using SupportBot.Hosting.Resources;

namespace SupportBot.Tests.Foundation;

/// <summary>Launcher logic that needs no running stack.</summary>
public sealed class LauncherTests
{
    [Fact]
    public void Preferred_port_is_used_when_free_and_never_handed_out_twice()
    {
        var free = FreePort();
        var ports = new PortAllocator(preferFixedPorts: true);

        Assert.Equal(free, ports.Allocate(free));
        Assert.NotEqual(free, ports.Allocate(free));
    }

    [Fact]
    public void A_taken_preferred_port_falls_back_to_a_free_one()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var port = new PortAllocator(preferFixedPorts: true).Allocate(taken);

        Assert.NotEqual(taken, port);
        Assert.InRange(port, 1, 65535);
    }

    [Fact]
    public void Missing_binary_message_names_the_debian_package()
    {
        var error = Assert.Throws<MissingBinaryException>(() => Binaries.Require("no-such-binary-xyz", "some-package"));

        Assert.Equal("no-such-binary-xyz not found on PATH; install it with: apt-get install -y --no-install-recommends some-package", error.Message);
    }

    [Fact]
    public void Prometheus_config_has_one_job_per_service_and_the_rules_glob()
    {
        var config = PrometheusResource.RenderConfig(TimeSpan.FromSeconds(2), "/repo/dashboards/prometheus/rules/*.yml",
            [new FakeEndpoint("api", 5180), new FakeEndpoint("evalworker", 5181)]);

        Assert.Contains("scrape_interval: 2s", config);
        Assert.Contains("- '/repo/dashboards/prometheus/rules/*.yml'", config);
        Assert.Contains("job_name: 'api'", config);
        Assert.Contains("targets: ['127.0.0.1:5180']", config);
        Assert.Contains("job_name: 'evalworker'", config);
        Assert.Contains("targets: ['127.0.0.1:5181']", config);
    }

    [Fact]
    public void State_directory_secrets_are_private_and_stable()
    {
        var path = Infrastructure.TestState.NewDirectory("secrets");
        try
        {
            using var state = new StateDirectory(path);
            var first = state.Secret("redis-password");

            Assert.Equal(first, new StateDirectory(path).Secret("redis-password"));
            Assert.Equal(48, first.Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(path, "secrets", "redis-password")));
            var keys = state.DevApiKeys();
            Assert.Equal(Contracts.Roles.All.Order(), keys.Keys.Order());
            Assert.Equal(keys, state.DevApiKeys());
        }
        finally
        {
            Infrastructure.TestState.Delete(path);
        }
    }

    [Fact]
    public void A_second_lock_on_a_state_directory_names_the_holder()
    {
        var path = Infrastructure.TestState.NewDirectory("lock");
        try
        {
            using var first = new StateDirectory(path);
            first.Lock();
            using var second = new StateDirectory(path);

            var error = Assert.Throws<InvalidOperationException>(second.Lock);

            Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        }
        finally
        {
            Infrastructure.TestState.Delete(path);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record FakeEndpoint(string Name, int Port) : IResourceWithHttpEndpoint;
}
