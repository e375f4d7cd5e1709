using System.Collections.Concurrent;
using Npgsql;

namespace SupportBot.Tests.Infrastructure;

/// <summary>Plain SQL against the fixture's Postgres (or another test stack's, by connection string), for tests that check what was (not) written.</summary>
public static class StackSql
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new();

    public static Task<T> ScalarAsync<T>(this StackFixture stack, string sql, params object[] parameters) =>
        ScalarAsync<T>(stack.Postgres.ConnectionString, sql, parameters);

    public static Task ExecuteAsync(this StackFixture stack, string sql, params object[] parameters) =>
        ExecuteAsync(stack.Postgres.ConnectionString, sql, parameters);

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var command = Command(connectionString, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var command = Command(connectionString, sql, parameters);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>A new, empty database on the fixture's server; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(this StackFixture stack, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await stack.ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(stack.Postgres.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A data-source command opens a pooled connection for its one execution and returns it after.</summary>
    private static NpgsqlCommand Command(string connectionString, string sql, object[] parameters)
    {
        var command = DataSources.GetOrAdd(connectionString, NpgsqlDataSource.Create).CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
