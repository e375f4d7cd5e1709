using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Cli;

/// <summary>Where the API is and which keys to send, for commands that talk to it over HTTP.</summary>
/// <param name="IntegrationKey">Posts tickets, as the ticketing system.</param>
/// <param name="AgentKey">Sends replies, gives thumbs and reads gates, as the support team.</param>
/// <param name="ManagerKey">Reads and replays dead letters, moves phases (null when the dev keys have none).</param>
public sealed record ApiConnection(Uri BaseAddress, string IntegrationKey, string AgentKey, string? ManagerKey = null)
{
    private sealed record ResourceEntry(string Name, string? Url);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// --api, then $SUPPORTBOT_API_URL, then the "api" entry of the AppHost's resources.json (<see cref="StackLocator"/>);
    /// --key (used for every call, so an admin key), then $SUPPORTBOT_API_KEY, then the AppHost's
    /// dev-keys.json (its integration and agent keys).
    /// </summary>
    public static ApiConnection Resolve(string? api, string? key)
    {
        var url = FirstNonEmpty(api, Environment.GetEnvironmentVariable("SUPPORTBOT_API_URL"))
            ?? ApiUrlFromStack()
            ?? throw new CliException("no API given: pass --api, set SUPPORTBOT_API_URL, or start the AppHost (./run.sh)", CliExitCodes.Unavailable);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--api: '{url}' is not an http(s) URL");
        }

        if (FirstNonEmpty(key, Environment.GetEnvironmentVariable("SUPPORTBOT_API_KEY")) is { } single)
        {
            return new ApiConnection(baseAddress, single, single, single);
        }

        if (StackLocator.ReadMap("dev-keys.json") is { } keys
            && keys.TryGetValue(Roles.Integration, out var integration) && keys.TryGetValue(Roles.Agent, out var agent))
        {
            return new ApiConnection(baseAddress, integration, agent, keys.GetValueOrDefault(Roles.Manager));
        }

        throw new CliException("no API key given: pass --key (an admin key), set SUPPORTBOT_API_KEY, or start the AppHost for its dev keys", CliExitCodes.Unavailable);
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, apiKey);
        return client;
    }

    private static string? ApiUrlFromStack() => StackLocator.FindFile("resources.json") is { } file
        ? JsonSerializer.Deserialize<List<ResourceEntry>>(File.ReadAllText(file), Json)?.FirstOrDefault(r => r.Name == "api")?.Url
        : null;

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
