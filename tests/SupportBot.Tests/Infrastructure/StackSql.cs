using System.Collections.Concurrent;
using Npgsql;

namespace SupportBot.Tests.Infrastructure;

/// <summary>Plain SQL against the fixture's Postgres, for tests that check what was (not) written.</summary>
public static class StackSql
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new();

    public static async Task<T> ScalarAsync<T>(this StackFixture stack, string sql, params object[] parameters)
    {
        await using var command = Command(stack, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    public static async Task ExecuteAsync(this StackFixture stack, string sql, params object[] parameters)
    {
        await using var command = Command(stack, sql, parameters);
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
    private static NpgsqlCommand Command(StackFixture stack, string sql, object[] parameters)
    {
        var command = DataSources.GetOrAdd(stack.Postgres.ConnectionString, NpgsqlDataSource.Create).CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
