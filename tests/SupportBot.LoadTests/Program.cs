using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.LoadTests;
using SupportBot.Signals;

// Signal pipeline load test: API → Redis stream → worker → Postgres (docs/benchmarks.md).
//   dotnet run -c Release --project tests/SupportBot.LoadTests -- [seconds per step, default 20] [rates, default 500,2000]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var rates = (args.Length > 1 ? args[1] : "500,2000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();

var state = Path.Combine(Path.GetTempPath(), "supportbot-load-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(state);
Console.WriteLine($"Starting the stack in {state} ...");
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SupportBot_AppHost>(["--state-dir", state, "--dynamic-ports", "--no-demo"]);
await using var app = await builder.BuildAsync();
await app.StartAsync();
foreach (var resource in new[] { "postgres", ConnectionNames.Cache, "api", "evalworker" })
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
}

var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(state, "dev-keys.json")))!;
await using var db = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("postgres"))!);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = app.GetEndpoint("api", "http"),
    Timeout = TimeSpan.FromSeconds(30),
};
http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, keys[Roles.Agent]);

// Warm-up: JIT, connection pools, the API key cache.
var warmDrafts = await LoadDrafts.CreateAsync(db, 200);
await new SignalLoad(http, warmDrafts).FireAsync(200, TimeSpan.FromSeconds(2));
await Task.Delay(TimeSpan.FromSeconds(2));

Console.WriteLine();
Console.WriteLine("| offered rate (events/s) | accepted (events/s) | rejected | skipped (client cap) | API p50 / p99 (ms) | processed (events/s) | lag p50 / p95 / p99 / max (s) | not processed after 60 s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var rate in rates)
{
    var drafts = await LoadDrafts.CreateAsync(db, rate * seconds / 2 + 1);
    var load = new SignalLoad(http, drafts);
    var started = DateTime.UtcNow;
    var fired = await load.FireAsync(rate, TimeSpan.FromSeconds(seconds));
    var processed = await WaitForProcessingAsync(db, fired.Signals, TimeSpan.FromSeconds(60));

    var lags = processed.Select(p => (p.ProcessedUtc - p.AcceptedUtc).TotalSeconds).Order().ToArray();
    var lastProcessed = processed.Count == 0 ? started : processed.Max(p => p.ProcessedUtc);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {rate} | {fired.Accepted / fired.Elapsed.TotalSeconds:0} | {fired.Rejected} | {fired.Skipped} | {Pct(fired.LatenciesMs, 0.5):0.0} / {Pct(fired.LatenciesMs, 0.99):0.0} | " +
        $"{processed.Count / (lastProcessed - started).TotalSeconds:0} | {Pct(lags, 0.5):0.000} / {Pct(lags, 0.95):0.000} / {Pct(lags, 0.99):0.000} / {(lags.Length == 0 ? 0 : lags[^1]):0.000} | {fired.Accepted - processed.Count} |"));
    await Task.Delay(TimeSpan.FromSeconds(3));
}

// Worker capacity without the API in front: a backlog written straight onto the stream, then drained.
var backlogSize = rates.Max() * seconds;
var backlogDrafts = await LoadDrafts.CreateAsync(db, backlogSize / 2 + 1);
await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync(ConnectionNames.Cache))!))
{
    var stream = redis.GetDatabase();
    var backlog = new List<AcceptedSignal>(backlogSize);
    var writes = new List<Task>(backlogSize);
    var writeStart = DateTime.UtcNow;
    for (var i = 0; i < backlogSize; i++)
    {
        var draft = backlogDrafts[i / 2];
        var now = DateTimeOffset.UtcNow;
        var signal = i % 2 == 0
            ? new SignalEvent(SignalEvent.NewId(), SignalTypes.Sent, draft, now, Text: LoadDrafts.SentText(i / 2), AgentId: "load-agent", SentAt: now)
            : new SignalEvent(SignalEvent.NewId(), SignalTypes.Feedback, draft, now, Thumb: Thumbs.Up);
        writes.Add(stream.StreamAddAsync("signals", SignalEvent.Field, signal.ToJson()));
        backlog.Add(new AcceptedSignal(signal.Id, signal.Type, now.UtcDateTime));
    }

    await Task.WhenAll(writes);
    var drained = await WaitForProcessingAsync(db, backlog, TimeSpan.FromSeconds(120));
    var took = (drained.Max(d => d.ProcessedUtc) - writeStart).TotalSeconds;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Backlog of {backlogSize} events written straight to the stream: {drained.Count} processed {took:0.0} s after the first XADD = {drained.Count / Math.Max(took, 0.001):0} events/s (worker only)."));
}

await app.StopAsync();
try
{
    Directory.Delete(state, recursive: true);
}
catch (IOException)
{
}

static double Pct(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

// Processed = the event's first score committed; its created_at is the worker's clock when its batch started writing.
static async Task<List<(DateTime AcceptedUtc, DateTime ProcessedUtc)>> WaitForProcessingAsync(NpgsqlDataSource db, IReadOnlyList<AcceptedSignal> signals, TimeSpan timeout)
{
    var keys = signals.Select(s => $"{s.EventId}:{(s.Type == SignalTypes.Sent ? "edit_distance" : "thumbs")}").ToArray();
    var accepted = signals.Select(s => s.AcceptedUtc).ToArray();
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        await using var command = db.CreateCommand(
            """
            SELECT k.accepted, s.created_at
            FROM unnest($1::text[], $2::timestamptz[]) AS k(key, accepted)
            JOIN scores s ON s.idempotency_key = k.key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        command.Parameters.Add(new NpgsqlParameter { Value = accepted });
        var rows = new List<(DateTime, DateTime)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetDateTime(0), reader.GetDateTime(1)));
            }
        }

        if (rows.Count >= signals.Count || deadline.Elapsed > timeout)
        {
            return rows;
        }

        await Task.Delay(500);
    }
}
