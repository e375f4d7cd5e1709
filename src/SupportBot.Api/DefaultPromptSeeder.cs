using SupportBot.Drafting.Prompts;

namespace SupportBot.Api;

/// <summary>Makes sure a production prompt exists before the first ticket arrives (runs after migrations).</summary>
internal sealed class DefaultPromptSeeder(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PromptStore>().EnsureDefaultAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
