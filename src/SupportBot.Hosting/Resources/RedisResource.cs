using StackExchange.Redis;
using SupportBot.Hosting.Processes;

namespace SupportBot.Hosting.Resources;

/// <summary>A Redis server with its data (append-only file) in the state folder, password-protected.</summary>
public sealed class RedisResource(string name, int preferredPort) : ProcessResource(name), IResourceWithConnectionString
{
    public string ConnectionName => Name;
    public int Port { get; private set; }
    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";
    public override string Url => $"redis://127.0.0.1:{Port}";

    private string Password => Context.State.Secret("redis-password");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var server = Binaries.Require("redis-server", "redis-server");
        var home = Context.State.Sub("redis");
        Port = Context.Ports.Allocate(preferredPort);

        // Settings go in a private file, not on the command line, so the password stays out of `ps`.
        var configFile = Path.Combine(home, "redis.conf");
        StateDirectory.WritePrivate(configFile, string.Join('\n',
            $"port {Port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            "daemonize no",
            $"dir {home}",
            "appendonly yes",
            "appendfsync everysec",
            $"requirepass {Password}",
            "logfile \"\"",
            ""));

        Launch(server, [configFile]);
        await Readiness.WaitAsync(Name, PingAsync, ExitReason, TimeSpan.FromSeconds(30), cancellationToken);
        MarkRunning();
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.ConnectTimeout = 1000;
        options.AbortOnConnectFail = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await connection.GetDatabase().PingAsync();
        return true;
    }
}
