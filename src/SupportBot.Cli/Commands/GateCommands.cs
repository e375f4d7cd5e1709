using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Cli.Commands;

/// <summary>
/// `supportbot gates [CATEGORY]` and `supportbot phase set CATEGORY PHASE [--force --reason]`: the
/// readiness a manager decides on and the decision, through the API (the gate needs its services).
/// </summary>
public static class GateCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IEnumerable<Command> Build(TextWriter output)
    {
        yield return BuildGates(output);
        yield return BuildPhase(output);
    }

    private static (Option<string?> Api, Option<string?> Key) ConnectionOptions() =>
        (new Option<string?>("--api") { Description = "API base URL (default: $SUPPORTBOT_API_URL, or the running AppHost's)." },
         new Option<string?>("--key") { Description = "An API key (default: $SUPPORTBOT_API_KEY, or the AppHost's dev keys)." });

    private static Command BuildGates(TextWriter output)
    {
        var (api, key) = ConnectionOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var category = new Argument<string?>("category") { Description = "Only this category.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("gates", "Every category's phase and gate: each check with value, threshold and sample size, and why it is not ready.")
        {
            category, api, key, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = ApiConnection.Resolve(parse.GetValue(api), parse.GetValue(key));
            using var http = connection.Client(connection.AgentKey);
            var name = parse.GetValue(category);
            using var response = await http.GetAsync(name is null ? "/api/gates" : $"/api/gates/{Uri.EscapeDataString(name)}", cancellationToken);
            await SignalCommands.EnsureAsync(response, cancellationToken);
            List<CategoryGateView> gates = name is null
                ? (await response.Content.ReadFromJsonAsync<List<CategoryGateView>>(Json, cancellationToken))!
                : [(await response.Content.ReadFromJsonAsync<CategoryGateView>(Json, cancellationToken))!];
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(name is null ? JsonSerializer.Serialize(gates, Json) : JsonSerializer.Serialize(gates[0], Json));
                return CliExitCodes.Ok;
            }

            foreach (var gate in gates)
            {
                await WriteGateAsync(output, gate);
            }

            if (gates.Count == 0)
            {
                await output.WriteLineAsync("no categories yet");
            }

            return CliExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteGateAsync(TextWriter output, CategoryGateView gate)
    {
        var state = gate.Ready ? "ready" : "not ready";
        await output.WriteLineAsync($"{gate.Category}: {gate.Phase}, {state} ({gate.Sent} sent, {gate.Feedback} with feedback, {gate.WindowStart:yyyy-MM-dd} to {gate.WindowEnd:yyyy-MM-dd})");
        foreach (var check in gate.Checks)
        {
            var value = check.Value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            var bound = check.Comparison == "max" ? "<=" : ">=";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {(check.Passed ? "pass" : "FAIL"),-4} {check.Name,-18} {value,7} {bound} {check.Threshold:0.000}  n={check.SampleSize} (needs {check.MinimumSampleSize})"));
        }

        foreach (var reason in gate.Reasons)
        {
            await output.WriteLineAsync($"  why: {reason}");
        }
    }

    private static Command BuildPhase(TextWriter output)
    {
        var (api, key) = ConnectionOptions();
        var category = new Argument<string>("category") { Description = "The category." };
        var phase = new Argument<string>("phase") { Description = "offline, internal or customer-facing." };
        var force = new Option<bool>("--force") { Description = "Change it although the gate does not hold (needs --reason; audited as forced)." };
        var reason = new Option<string?>("--reason") { Description = "Why: it goes to the audit log." };
        var set = new Command("set", "Moves a category to another phase; promotion needs its gate (409 with the reasons otherwise), or --force with --reason.")
        {
            category, phase, force, reason, api, key,
        };
        set.SetAction(async (parse, cancellationToken) =>
        {
            var connection = ApiConnection.Resolve(parse.GetValue(api), parse.GetValue(key));
            using var http = connection.Client(connection.ManagerKey
                ?? throw new CliException("no manager key: pass --key or set SUPPORTBOT_API_KEY", CliExitCodes.Unavailable));
            var name = parse.GetValue(category)!;
            using var response = await http.PostAsJsonAsync(
                $"/api/categories/{Uri.EscapeDataString(name)}/phase",
                new ChangePhaseRequest(parse.GetValue(phase), parse.GetValue(force) ? true : null, parse.GetValue(reason)),
                Json, cancellationToken);
            await SignalCommands.EnsureAsync(response, cancellationToken);
            var changed = (await response.Content.ReadFromJsonAsync<CategoryPhaseView>(Json, cancellationToken))!;
            await output.WriteLineAsync(changed.Change is { } change
                ? $"{changed.Category}: {change.FromPhase} -> {change.ToPhase}{(change.Forced ? " (forced)" : "")}"
                : $"{changed.Category} is already {changed.Phase}; nothing changed");
            return CliExitCodes.Ok;
        });
        return new Command("phase", "A category's phase (offline, internal, customer-facing).") { set };
    }
}
