using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data.ApiKeys;

namespace SupportBot.Cli.Commands;

/// <summary>
/// API keys straight in the database: how the first admin key of a real deployment is made, before
/// any key exists to call the admin API with.
/// </summary>
public static class KeysCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "A name that says who uses the key.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);

        var create = new Command("create", "Creates an API key and prints it once; only its hash is stored.") { name, role };
        create.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var result = await new ApiKeyService(db, TimeProvider.System).CreateAsync(parse.GetValue(name), parse.GetValue(role), cancellationToken);
            switch (result)
            {
                case CreateApiKeyResult.Created created:
                    await output.WriteLineAsync($"created {created.Key.Role} key '{created.Key.Name}'. Send it as the {ApiKeyHeader.Name} header; it is not shown again:");
                    await output.WriteLineAsync(created.Key.Key);
                    return CliExitCodes.Ok;
                case CreateApiKeyResult.Invalid invalid:
                    throw new CliException(string.Join(" ", invalid.Errors.SelectMany(e => e.Value.Select(m => $"--{e.Key}: {m}"))));
                case CreateApiKeyResult.NameTaken taken:
                    throw new CliException($"an API key named '{taken.Name}' already exists");
                default:
                    throw new InvalidOperationException($"Unexpected result {result}");
            }
        }));

        var json = new Option<bool>("--json") { Description = "Print JSON (as GET /api/admin/api-keys)." };
        var list = new Command("list", "Lists API keys (names, roles, dates; never the keys).") { json };
        list.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var keys = await new ApiKeyService(db, TimeProvider.System).ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(keys, Json));
                return CliExitCodes.Ok;
            }

            foreach (var key in keys)
            {
                var status = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd}" : "active";
                await output.WriteLineAsync($"{key.Name,-30} {key.Role,-12} created {key.CreatedAt:yyyy-MM-dd}  {status}");
            }

            return CliExitCodes.Ok;
        }));

        var revokeName = new Argument<string>("name") { Description = "The key's name." };
        var redis = new Option<string?>("--redis")
        {
            Description = "Redis connection string to announce the revocation on, so every API instance refuses the key at once (default: ConnectionStrings__cache, or the stack's).",
        };
        var revoke = new Command("revoke", "Revokes an API key: at once on every API instance when Redis is reachable, else within 30 seconds.") { revokeName, redis };
        revoke.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var target = parse.GetValue(revokeName);
            var revoked = await new ApiKeyService(db, TimeProvider.System).RevokeAsync(all => all.Where(k => k.Name == target), cancellationToken)
                ?? throw new CliException($"no API key named '{target}'");
            if (revoked.AlreadyRevoked)
            {
                await output.WriteLineAsync($"'{target}' was already revoked on {revoked.RevokedAt:yyyy-MM-dd HH:mm} UTC; nothing changed");
                return CliExitCodes.Ok;
            }

            var announced = await RevocationAnnouncement.PublishAsync(parse.GetValue(redis), revoked.KeyHash, cancellationToken);
            await output.WriteLineAsync($"revoked '{target}'; {announced}");
            return CliExitCodes.Ok;
        }));

        return new Command("keys", "API keys and their roles.") { create, list, revoke };
    }
}
