using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers this process with a local Prometheus through file-based service discovery: once the server listens, it
/// writes <c>{Metrics:TargetsDirectory}/{Metrics:Job}-{Metrics:Replica}.json</c> with its own address and removes it
/// on a clean stop. The AppHost sets these keys: with replicas, DCP's proxy would hand each scrape to a different
/// replica, and only the process itself knows the port it listens on. A killed replica leaves its file, so Prometheus
/// sees it down (up == 0) until it starts again and rewrites the same file. Off when the directory is not configured
/// (a cluster discovers pods itself; docs/deployment.md).
/// </summary>
internal sealed partial class PrometheusTargetFile(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<PrometheusTargetFile> logger)
    : IHostedService
{
    private string? _file;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Write);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            File.Delete(_file);
        }

        return Task.CompletedTask;
    }

    private void Write()
    {
        var directory = configuration["Metrics:TargetsDirectory"]!;
        var job = configuration["Metrics:Job"] is { Length: > 0 } j ? j : "service";
        var replica = configuration["Metrics:Replica"] is { Length: > 0 } r ? r : $"{job}-{Environment.ProcessId}";
        var targets = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(address => new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1")))
            .Where(uri => uri.Scheme == Uri.UriSchemeHttp)
            .Select(uri => $"{uri.Host}:{uri.Port}")
            .Distinct()
            .ToList();
        if (targets.Count == 0)
        {
            LogNoAddress(logger, job);
            return;
        }

        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{replica}.json");
        var json = JsonSerializer.Serialize(new[] { new { targets, labels = new Dictionary<string, string> { ["replica"] = replica } } });
        // Written aside and renamed: Prometheus watches the folder and must never read half a file.
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, file, overwrite: true);
        _file = file;
        LogRegistered(logger, replica, string.Join(", ", targets));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus target {Replica} registered at {Targets}")]
    private static partial void LogRegistered(ILogger logger, string replica, string targets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No http address to register with Prometheus as job {Job}")]
    private static partial void LogNoAddress(ILogger logger, string job);
}
