using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Drafting;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// The drafting pipeline composed exactly as the services compose it (same registrations), but
/// in the test process, against the fixture's real Postgres and Redis, with configuration overrides.
/// Hosted services are not started: the API already migrated the database.
/// </summary>
public sealed class DraftingHost : IAsyncDisposable
{
    private readonly IHost _host;

    public DraftingHost(StackFixture stack, IDictionary<string, string?>? configuration = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = stack.Postgres.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Cache}"] = stack.Redis.ConnectionString,
        });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.AddSupportBotDatabase();
        builder.AddSupportBotRedisClient(ConnectionNames.Cache);
        builder.AddDraftingPipeline();
        _host = builder.Build();
    }

    public AsyncServiceScope CreateScope() => _host.Services.CreateAsyncScope();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
