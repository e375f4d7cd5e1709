using Microsoft.Extensions.DependencyInjection;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting.Prompts;

namespace SupportBot.Benchmarks;

/// <summary>What drafting needs besides tickets, as the API seeds it on first start: the default prompt and the demo help center.</summary>
public static class DemoKnowledge
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PromptStore>().EnsureDefaultAsync(CancellationToken.None);
        var articles = Path.Combine(Hosting.AppHostOptions.FindRepositoryRoot(), "data", "demo", "help-articles");
        await scope.ServiceProvider.GetRequiredService<HelpArticleStore>().ReindexFolderAsync(articles, CancellationToken.None);
    }
}
