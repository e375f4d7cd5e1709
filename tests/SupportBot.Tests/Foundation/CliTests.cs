using System.Net.Http.Json;
using Npgsql;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

public sealed class CliTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_create_prints_a_working_key_once_and_stores_only_its_hash()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var (exitCode, output, error) = await RunAsync("keys", "create", "--name", name, "--role", Roles.Manager, "--database", stack.Postgres.ConnectionString);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var key = output.Trim().Split('\n').Last().Trim();
        Assert.StartsWith("sb_", key);
        using var api = stack.ApiClient();
        api.DefaultRequestHeaders.Add(ApiKeyHeader.Name, key);
        var me = await api.GetFromJsonAsync<CallerIdentity>("/api/me", Ct);
        Assert.Equal(new CallerIdentity(name, Roles.Manager), me);

        var (_, listed, _) = await RunAsync("keys", "list", "--database", stack.Postgres.ConnectionString);
        Assert.Contains(name, listed);
        Assert.DoesNotContain(key, listed);
    }

    [Fact]
    public async Task An_unknown_role_is_a_one_line_error_with_exit_1_and_nothing_written()
    {
        var name = "cli-bad-" + Guid.NewGuid().ToString("N")[..8];

        var (exitCode, _, error) = await RunAsync("keys", "create", "--name", name, "--role", "superuser", "--database", stack.Postgres.ConnectionString);

        Assert.Equal(1, exitCode);
        Assert.Contains("superuser", error);
        Assert.Equal(0, await CountKeysNamedAsync(name));
    }

    [Fact]
    public async Task An_unreachable_database_is_a_one_line_error_with_exit_2()
    {
        var (exitCode, _, error) = await RunAsync("keys", "list", "--database", "Host=127.0.0.1;Port=1;Username=x;Password=secret-pw;Database=none;Timeout=2");

        Assert.Equal(2, exitCode);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("cannot reach the database at 127.0.0.1:1/none", error);
        Assert.DoesNotContain("secret-pw", error);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_a_clear_error()
    {
        var (exitCode, _, error) = await RunAsync("keys", "revoke", "no-such-key", "--database", stack.Postgres.ConnectionString);

        Assert.Equal(1, exitCode);
        Assert.Equal("supportbot: no API key named 'no-such-key'", error.Trim());
    }

    [Fact]
    public async Task Db_migrate_brings_an_empty_database_to_the_current_schema()
    {
        var connectionString = await stack.CreateDatabaseAsync("cli");
        var (exitCode, output, _) = await RunAsync("db", "migrate", "--database", connectionString);

        Assert.Equal(0, exitCode);
        Assert.Contains("applying", output);
        Assert.Contains("InitialCreate", output);
        var (again, secondOutput, _) = await RunAsync("db", "migrate", "--database", connectionString);
        Assert.Equal(0, again);
        Assert.Contains("(0 applied now)", secondOutput);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(args, output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }

    private Task<long> CountKeysNamedAsync(string name) =>
        stack.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE name = $1", name);
}
