using System.CommandLine;
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

        var list = new Command("list", "Lists API keys (names, roles, dates; never the keys).");
        list.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            foreach (var key in await new ApiKeyService(db, TimeProvider.System).ListAsync(cancellationToken))
            {
                var status = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd}" : "active";
                await output.WriteLineAsync($"{key.Name,-30} {key.Role,-12} created {key.CreatedAt:yyyy-MM-dd}  {status}");
            }

            return CliExitCodes.Ok;
        }));

        var revokeName = new Argument<string>("name") { Description = "The key's name." };
        var revoke = new Command("revoke", "Revokes an API key; it stops working within 30 seconds.") { revokeName };
        revoke.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var target = parse.GetValue(revokeName);
            var revoked = await new ApiKeyService(db, TimeProvider.System).RevokeAsync(all => all.Where(k => k.Name == target), cancellationToken)
                ?? throw new CliException($"no API key named '{target}'");
            await output.WriteLineAsync(revoked.AlreadyRevoked
                ? $"'{target}' was already revoked on {revoked.RevokedAt:yyyy-MM-dd HH:mm} UTC; nothing changed"
                : $"revoked '{target}'");
            return CliExitCodes.Ok;
        }));

        return new Command("keys", "API keys and their roles.") { create, list, revoke };
    }
}
