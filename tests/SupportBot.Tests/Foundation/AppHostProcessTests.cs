using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>The AppHost executable itself: start, signals, restarts, external resources, missing binaries.</summary>
public sealed class AppHostProcessTests(StackFixture stack)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_stops_every_child_and_postgres_data_survives_a_restart()
    {
        var state = TestState.NewDirectory("apphost");
        try
        {
            var keyName = "survivor-" + Guid.NewGuid().ToString("N")[..8];
            IReadOnlyList<int> children;
            await using (var host = AppHostProcess.Start(state))
            {
                await host.WaitUntilReadyAsync(StartTimeout);
                using (var admin = AdminClient(state))
                {
                    using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest(keyName, Roles.Agent), Ct);
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                }

                children = ProcessTree.Descendants(host.Pid);
                var commandLines = children.Select(ProcessTree.CommandLine).ToList();
                Assert.Contains(commandLines, c => c.Contains("postgres -D", StringComparison.Ordinal));
                Assert.Contains(commandLines, c => c.Contains("redis-server", StringComparison.Ordinal));
                Assert.Contains(commandLines, c => c.Contains("prometheus", StringComparison.Ordinal));
                Assert.Contains(commandLines, c => c.Contains("SupportBot.Api.dll", StringComparison.Ordinal));
                Assert.Contains(commandLines, c => c.Contains("SupportBot.EvalWorker.dll", StringComparison.Ordinal));

                await using (var wiper = AppHostProcess.Start(state, null, "--fresh"))
                {
                    Assert.Equal(1, await wiper.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                    Assert.Contains($"Another AppHost (pid {host.Pid})", wiper.Output);
                }

                Assert.True(File.Exists(Path.Combine(state, "postgres", "data", "PG_VERSION")), "--fresh must not wipe a running stack");
                host.SendSigterm();
                Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(120)));
                Assert.Contains("apphost: stopped.", host.Output);
            }

            var survivors = children.Where(ProcessTree.IsAlive).Select(pid => $"{pid}: {ProcessTree.CommandLine(pid)}").ToList();
            Assert.Empty(survivors);
            Assert.Empty(ProcessTree.CommandLinesContaining(state));
            Assert.DoesNotContain("postmaster.pid", Directory.GetFiles(Path.Combine(state, "postgres", "data")).Select(Path.GetFileName));

            await using (var restarted = AppHostProcess.Start(state))
            {
                await restarted.WaitUntilReadyAsync(StartTimeout);
                using var admin = AdminClient(state);
                var keys = await admin.GetFromJsonAsync<List<ApiKeySummary>>("/api/admin/api-keys", Ct);
                Assert.Contains(keys!, k => k.Name == keyName);
            }
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public async Task Connection_strings_in_configuration_are_used_instead_of_starting_servers()
    {
        var state = TestState.NewDirectory("external");
        var connectionString = await stack.CreateDatabaseAsync("external");
        try
        {
            await using var host = AppHostProcess.Start(state, new Dictionary<string, string>
            {
                [$"ConnectionStrings__{ConnectionNames.Database}"] = connectionString,
                [$"ConnectionStrings__{ConnectionNames.Cache}"] = stack.Redis.ConnectionString,
            });
            await host.WaitUntilReadyAsync(StartTimeout);

            var resources = ReadResources(state);
            Assert.Equal("External", resources["postgres"]);
            Assert.Equal("External", resources["cache"]);
            Assert.Equal("Running", resources["api"]);
            var commandLines = ProcessTree.Descendants(host.Pid).Select(ProcessTree.CommandLine).ToList();
            Assert.DoesNotContain(commandLines, c => c.Contains("redis-server", StringComparison.Ordinal));
            Assert.DoesNotContain(commandLines, c => c.Contains("postgres -D", StringComparison.Ordinal));
            Assert.False(Directory.Exists(Path.Combine(state, "postgres")));

            using var admin = AdminClient(state);
            var me = await admin.GetFromJsonAsync<CallerIdentity>("/api/me", Ct);
            Assert.Equal(Roles.Admin, me!.Role);
            Assert.True(await TableExistsAsync(connectionString, "api_keys"), "migrations should have run on the external database");
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public async Task A_missing_binary_is_a_one_line_error_naming_the_debian_package()
    {
        var state = TestState.NewDirectory("missing");
        var bin = Path.Combine(state, "bin");
        Directory.CreateDirectory(bin);
        // Everything the stack needs except redis-server.
        foreach (var tool in new[] { "dotnet", "setsid", "runuser", "chown", "id", "test", "kill" })
        {
            var target = Hosting.Processes.Binaries.Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed");
            File.CreateSymbolicLink(Path.Combine(bin, tool), target);
        }

        try
        {
            await using var host = AppHostProcess.Start(state, new Dictionary<string, string> { ["PATH"] = bin });
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(1, exitCode);
            var error = Assert.Single(host.Output.Split('\n'), line => line.Contains("not found", StringComparison.Ordinal));
            Assert.Contains("redis-server", error);
            Assert.Contains("apt-get install", error);
            Assert.Empty(ProcessTree.CommandLinesContaining(state));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private static HttpClient AdminClient(string state)
    {
        var apiUrl = ReadResourceUrls(state)["api"];
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(state, "dev-keys.json")))!;
        var client = new HttpClient { BaseAddress = new Uri(apiUrl) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, keys[Roles.Admin]);
        return client;
    }

    private static Dictionary<string, string> ReadResources(string state) =>
        ReadResourceJson(state).ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("state").GetString()!);

    private static Dictionary<string, string> ReadResourceUrls(string state) =>
        ReadResourceJson(state).Where(r => r.GetProperty("url").ValueKind == JsonValueKind.String)
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("url").GetString()!);

    private static List<JsonElement> ReadResourceJson(string state) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(state, "resources.json"))).RootElement.EnumerateArray().ToList();

    private static async Task<bool> TableExistsAsync(string connectionString, string table)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", db) { Parameters = { new() { Value = table } } };
        return (bool)(await command.ExecuteScalarAsync(Ct))!;
    }
}
