using Npgsql;
using SupportBot.Data;
using SupportBot.Drafting.Prompts;

namespace SupportBot.Api;

/// <summary>Makes sure a production prompt exists before the first ticket arrives (runs after migrations; one api replica at a time).</summary>
internal sealed class DefaultPromptSeeder(IServiceProvider services, NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var alone = await ReplicaLock.AcquireAsync(dataSource, "start-up-seeding", cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PromptStore>().EnsureDefaultAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
