using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Tracing;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

public sealed partial class TraceWriterTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(typeof(Trace), TraceWriter.TraceSql)]
    [InlineData(typeof(Observation), TraceWriter.ObservationsSql)]
    [InlineData(typeof(Draft), TraceWriter.DraftSql)]
    public async Task The_raw_insert_writes_every_column_the_EF_model_maps(Type entity, string sql)
    {
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();
        var type = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>().Model.FindEntityType(entity)!;

        var match = InsertColumns().Match(sql);
        Assert.Equal(type.GetTableName(), match.Groups["table"].Value);
        var written = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(type.GetProperties().Select(p => p.GetColumnName()).Order(), written.Order());
    }

    [Fact]
    public async Task Trace_and_observations_read_back_through_EF_as_written()
    {
        var (trace, observations) = NewTrace();
        await using var host = new DraftingHost(stack);
        await using (var scope = host.CreateScope())
        {
            await TraceWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<SupportBotDbContext>(), trace, observations, null, Ct);
        }

        await using var check = host.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        var stored = await db.Traces.AsNoTracking().SingleAsync(t => t.Id == trace.Id, Ct);
        Assert.Equivalent(trace, stored, strict: true);
        var storedObservations = await db.Observations.AsNoTracking().Where(o => o.TraceId == trace.Id).OrderBy(o => o.Id).ToListAsync(Ct);
        Assert.Equivalent(observations.OrderBy(o => o.Id), storedObservations, strict: true);
    }

    [Fact]
    public async Task A_failing_draft_row_leaves_neither_trace_nor_observations()
    {
        var (trace, observations) = NewTrace();
        var orphan = new Draft
        {
            Id = Guid.CreateVersion7(), TicketId = Guid.NewGuid(), TraceId = trace.Id, Text = "Hi", Category = "billing",
            CategorySource = "given", PromptName = "default", PromptVersion = 1, Model = "m", Citations = "[]", CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            TraceWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<SupportBotDbContext>(), trace, observations, orphan, Ct));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM traces WHERE id = $1", trace.Id));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM observations WHERE trace_id = $1", trace.Id));
    }

    private static (Trace Trace, List<Observation> Observations) NewTrace()
    {
        var id = Guid.NewGuid().ToString("N");
        // Microsecond precision: what a timestamptz column keeps.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var trace = new Trace { Id = id, Name = "writer-test", StartedAt = now, DurationMs = 1.25, Metadata = """{"model": "m"}""" };
        List<Observation> observations =
        [
            .. Enumerable.Range(0, 3).Select(i => new Observation
            {
                Id = Guid.CreateVersion7(), TraceId = id, SpanId = $"{i:x16}", Type = ObservationTypes.Retrieval, Name = $"step {i}",
                StartedAt = now.AddMilliseconds(i), DurationMs = i, Input = $$"""{"i": {{i}}}""", Output = "[]", Metadata = "{}",
            }),
        ];
        return (trace, observations);
    }

    [GeneratedRegex(@"INSERT INTO (?<table>\w+) \((?<columns>[^)]*)\)")]
    private static partial Regex InsertColumns();
}
