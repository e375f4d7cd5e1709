using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.HelpCenter;
using SupportBot.Data.Import;

namespace SupportBot.Api.Demo;

/// <summary>Configuration section "Bootstrap": what to load into an empty database on first start.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>A JSONL file of resolved tickets, imported when there are no historical tickets yet (the AppHost points it at data/demo).</summary>
    public string? TicketsFile { get; set; }
}

/// <summary>
/// Fills an empty knowledge base on start-up, so a fresh stack drafts useful replies at once:
/// historical tickets from <see cref="BootstrapOptions.TicketsFile"/>, help articles from
/// HelpCenter:ArticlesPath. A database that already has either is left alone. Api replicas take turns, so the
/// second finds the first's data and imports nothing.
/// </summary>
internal sealed class KnowledgeBootstrapper(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    TicketImporter importer,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<HelpCenterOptions> helpCenter,
    ILogger<KnowledgeBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var alone = await ReplicaLock.AcquireAsync(dataSource, "start-up-seeding", cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();

        if (bootstrap.Value.TicketsFile is { Length: > 0 } ticketsFile
            && !await db.Tickets.AnyAsync(t => t.Source == TicketSources.Historical, cancellationToken))
        {
            await using var stream = File.OpenRead(ticketsFile);
            var summary = await importer.ImportAsync(new JsonlTicketReader(stream, TicketFieldMapping.Default), cancellationToken: cancellationToken);
            logger.LogInformation("Loaded {Imported} historical tickets from {File} ({Skipped} skipped)", summary.Imported, ticketsFile, summary.Skipped);
        }

        if (helpCenter.Value.ArticlesPath is { Length: > 0 } articles && !await db.HelpArticles.AnyAsync(cancellationToken))
        {
            var summary = await scope.ServiceProvider.GetRequiredService<HelpArticleStore>().ReindexFolderAsync(HelpCenterOptions.Resolve(articles)!, cancellationToken);
            logger.LogInformation("Indexed {Added} help articles from {Folder} ({Errors} errors)", summary.Added, articles, summary.Errors.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
