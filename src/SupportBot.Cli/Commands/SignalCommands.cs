using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Cli.Commands;

/// <summary>`supportbot signals`: the dead letters of the signal stream, through the API (manager key).</summary>
public static class SignalCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output)
    {
        var api = new Option<string?>("--api") { Description = "API base URL (default: $SUPPORTBOT_API_URL, or the running AppHost's).", Recursive = true };
        var key = new Option<string?>("--key") { Description = "A manager or admin API key (default: $SUPPORTBOT_API_KEY, or the AppHost's dev manager key).", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print JSON.", Recursive = true };

        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 100 };
        var list = new Command("dead-letters", "Signal events the worker gave up on, newest first, with their last error.") { limit };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var http = Client(parse.GetValue(api), parse.GetValue(key));
            using var response = await http.GetAsync($"/api/signals/dead-letters?limit={parse.GetValue(limit)}", cancellationToken);
            await EnsureAsync(response, cancellationToken);
            var deadLetters = (await response.Content.ReadFromJsonAsync<List<DeadLetterView>>(Json, cancellationToken))!;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(deadLetters, Json));
                return CliExitCodes.Ok;
            }

            foreach (var d in deadLetters)
            {
                await output.WriteLineAsync($"{d.Id,-22} {d.DeadLetteredAt:yyyy-MM-dd HH:mm:ss}  attempts {d.Attempts}  {d.Error}");
            }

            if (deadLetters.Count == 0)
            {
                await output.WriteLineAsync("no dead letters");
            }

            return CliExitCodes.Ok;
        });

        var id = new Argument<string>("id") { Description = "The dead letter's id (first column of `supportbot signals dead-letters`)." };
        var replay = new Command("replay", "Queues a dead-lettered event again after its cause was fixed, and removes it from the dead letters.") { id };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            using var http = Client(parse.GetValue(api), parse.GetValue(key));
            var target = parse.GetValue(id)!;
            using var response = await http.PostAsync($"/api/signals/dead-letters/{Uri.EscapeDataString(target)}/replay", null, cancellationToken);
            await EnsureAsync(response, cancellationToken);
            var replayed = (await response.Content.ReadFromJsonAsync<DeadLetterView>(Json, cancellationToken))!;
            await output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(replayed, Json)
                : $"replayed {replayed.Id} (stream entry {replayed.EntryId}); the worker processes it again");
            return CliExitCodes.Ok;
        });

        return new Command("signals", "Signal events the worker could not store: list and replay them.") { api, key, json, list, replay };
    }

    private static HttpClient Client(string? api, string? key)
    {
        var connection = ApiConnection.Resolve(api, key);
        return connection.Client(connection.ManagerKey
            ?? throw new CliException("no manager key: pass --key or set SUPPORTBOT_API_KEY", CliExitCodes.Unavailable));
    }

    /// <summary>An API error becomes one line: its ProblemDetails' detail (or field errors), exit 1.</summary>
    internal static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                message = string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")));
            }
            else if (problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
            {
                message = text;
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails: the status line says enough.
        }

        throw new CliException(message, response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or >= HttpStatusCode.InternalServerError
            ? CliExitCodes.Unavailable
            : CliExitCodes.BadInput);
    }
}
