using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Data.Datasets;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>Dataset versioning against the real database: every change is a version, old versions read back exactly.</summary>
public sealed class DatasetStoreTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Adding_and_removing_make_new_versions_and_old_versions_read_back_exactly()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "ds-" + seed.Marker;
        var first = await seed.TicketAsync(category, "Login loop", "I keep getting sent back to login", "Clear cookies.");
        var second = await seed.TicketAsync(category, "Reset mail", "Password reset mail never came", "Check spam.");
        var third = await seed.TicketAsync(category, "2FA lost", "Lost my phone with 2FA", "Use a recovery code.");
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
        var sources = scope.ServiceProvider.GetRequiredService<DatasetItemSources>();

        var created = await store.CreateAsync($"versions-{seed.Marker}", "", category,
            await sources.FromTicketsAsync(new TicketSelection([first, second]), Ct), "created", Ct);
        var added = await store.AddItemsAsync(created.DatasetId, await sources.FromTicketsAsync(new TicketSelection([third]), Ct), "added", Ct);
        var v1Items = await store.ItemsAt(created.DatasetId, 1).ToListAsync(Ct);
        var removed = await store.RemoveItemsAsync(created.DatasetId, [v1Items.Single(i => i.SourceTicketId == first).Id], "removed", Ct);

        Assert.Equal((1, 2, 2), (created.Version, created.Added, created.ItemCount));
        Assert.Equal((2, 1, 3), (added.Version, added.Added, added.ItemCount));
        Assert.Equal((3, 1, 2), (removed.Version, removed.Removed, removed.ItemCount));
        Assert.Equal(new[] { first, second }.Order(), (await TicketsAt(store, created.DatasetId, 1)).Order());
        Assert.Equal(new[] { first, second, third }.Order(), (await TicketsAt(store, created.DatasetId, 2)).Order());
        Assert.Equal(new[] { second, third }.Order(), (await TicketsAt(store, created.DatasetId, 3)).Order());
        // Items are immutable: the version-1 rows are the same rows, with the same content, in version 2.
        var v2Items = await store.ItemsAt(created.DatasetId, 2).AsNoTracking().ToListAsync(Ct);
        Assert.All(v1Items, i => Assert.Contains(v2Items, j => j.Id == i.Id && j.ExpectedOutput == i.ExpectedOutput && j.Subject == i.Subject));
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<Data.SupportBotDbContext>().DatasetVersions.CountAsync(v => v.DatasetId == created.DatasetId, Ct));
    }

    [Fact]
    public async Task A_ticket_already_in_the_dataset_is_skipped_not_duplicated()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "ds-" + seed.Marker;
        var ticket = await seed.TicketAsync(category, "Invoice copy", "Need a copy of my invoice", "Billing → Invoices.");
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
        var sources = scope.ServiceProvider.GetRequiredService<DatasetItemSources>();
        var items = await sources.FromTicketsAsync(new TicketSelection(Category: category), Ct);

        var created = await store.CreateAsync($"dupes-{seed.Marker}", "", null, items, "created", Ct);
        var again = await store.AddItemsAsync(created.DatasetId, items, "again", Ct);

        Assert.Equal((0, 1, 1), (again.Added, again.Skipped, again.ItemCount));
        Assert.Equal([ticket], await TicketsAt(store, created.DatasetId, again.Version));
    }

    [Fact]
    public async Task An_archived_dataset_rejects_changes_but_still_reads()
    {
        var seed = new KnowledgeSeeder(stack);
        var ticket = await seed.TicketAsync("ds-" + seed.Marker, "Seat count", "How many seats do I have?", "Billing → Seats.");
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
        var sources = scope.ServiceProvider.GetRequiredService<DatasetItemSources>();
        var created = await store.CreateAsync($"archived-{seed.Marker}", "", null, [], "created empty", Ct);

        Assert.True(await store.ArchiveAsync(created.DatasetId, Ct));

        var items = await sources.FromTicketsAsync(new TicketSelection([ticket]), Ct);
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => store.AddItemsAsync(created.DatasetId, items, "late", Ct));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => store.RemoveItemsAsync(created.DatasetId, [Guid.NewGuid()], "late", Ct));
        Assert.False(await store.ArchiveAsync(created.DatasetId, Ct));
        Assert.Empty(await store.ItemsAt(created.DatasetId, 1).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_item_from_a_trace_takes_the_traces_ticket_as_input_and_the_reviewers_reply_as_expected_output()
    {
        var seed = new KnowledgeSeeder(stack);
        var ticket = await seed.TicketAsync("ds-" + seed.Marker, "Webhook retries", "Do webhooks retry?", "Yes, 3 times.");
        var traceId = Guid.NewGuid().ToString("N");
        await stack.ExecuteAsync("INSERT INTO traces (id, name, ticket_id, started_at, duration_ms, metadata) VALUES ($1, 'draft', $2, now(), 1, '{}')", traceId, ticket);
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
        var sources = scope.ServiceProvider.GetRequiredService<DatasetItemSources>();
        var created = await store.CreateAsync($"traces-{seed.Marker}", "", null, [], "created empty", Ct);

        var change = await store.AddFromTraceAsync(sources, created.DatasetId, traceId, "Webhooks retry five times with backoff.", false, Ct);
        var twice = await store.AddFromTraceAsync(sources, created.DatasetId, traceId, "Again.", false, Ct);
        var unknown = await store.AddFromTraceAsync(sources, created.DatasetId, "0123456789abcdef0123456789abcdef", "x", false, Ct);

        Assert.Equal((2, 1), (change!.Version, change.Added));
        Assert.Equal((0, 1), (twice!.Added, twice.Skipped));
        Assert.Null(unknown);
        var item = Assert.Single(await store.ItemsAt(created.DatasetId, 3).ToListAsync(Ct));
        Assert.Equal((traceId, ticket, "Webhooks retry five times with backoff."), (item.SourceTraceId, item.SourceTicketId!.Value, item.ExpectedOutput));
        Assert.StartsWith("Webhook retries", item.Subject);
    }

    private static async Task<List<Guid>> TicketsAt(DatasetStore store, Guid datasetId, int version) =>
        await store.ItemsAt(datasetId, version).Select(i => i.SourceTicketId!.Value).ToListAsync(Ct);
}
