using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Cli.Commands;

/// <summary>
/// `supportbot model list|compare|show|use|shadow`, through the API (it holds the model configurations, the monitors and
/// the audit). compare follows the runs with progress and exits like the regression gate: 0 pass, 1 bad input,
/// 2 unreachable, 3 verdict failed, 4 runs failed or timed out.
/// </summary>
public static class ModelCommands
{
    public const int VerdictFailed = ExperimentCommands.GateFailed;
    public const int RunFailed = ExperimentCommands.RunFailed;

    /// <summary>A switch refused for lack of a passing comparison (HTTP 409).</summary>
    public const int SwitchRefused = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output)
    {
        var api = new Option<string?>("--api") { Description = "API base URL (default: $SUPPORTBOT_API_URL, or the running AppHost's).", Recursive = true };
        var key = new Option<string?>("--key") { Description = "A manager or admin API key (default: $SUPPORTBOT_API_KEY, or the AppHost's dev manager key).", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print JSON.", Recursive = true };
        var command = new Command("model", "Compare a candidate model with production on every dataset, and switch production (audited).") { api, key, json };
        command.Subcommands.Add(BuildList(output, api, key, json));
        command.Subcommands.Add(BuildCompare(output, api, key, json));
        command.Subcommands.Add(BuildShow(output, api, key, json));
        command.Subcommands.Add(BuildUse(output, api, key, json));
        command.Subcommands.Add(BuildShadow(output, api, key, json));
        return command;
    }

    private static Command BuildList(TextWriter output, Option<string?> api, Option<string?> key, Option<bool> json)
    {
        var list = new Command("list", "The configured model configurations; * marks production (of support-reply).");
        list.SetAction((parse, cancellationToken) => CallAsync(parse, api, key, async client =>
        {
            var models = await ReadAsync<List<ModelDefinitionView>>(await client.GetAsync("/api/models", cancellationToken), cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(models, Json));
                return CliExitCodes.Ok;
            }

            foreach (var m in models)
            {
                await output.WriteLineAsync($"{(m.Production ? "*" : " ")} {m.Name,-24} {m.Summary}{Price(m)}");
            }

            return CliExitCodes.Ok;
        }));
        return list;
    }

    private static Command BuildCompare(TextWriter output, Option<string?> api, Option<string?> key, Option<bool> json)
    {
        var candidate = new Option<string>("--candidate") { Description = "The model configuration to compare with production (Models:Candidates:<name>).", Required = true };
        var datasets = new Option<string>("--datasets") { Description = "all (every active dataset, the default) or names/ids separated by commas.", DefaultValueFactory = _ => "all" };
        var prompt = new Option<string?>("--prompt") { Description = "Prompt name (default support-reply)." };
        var promptVersion = new Option<int?>("--prompt-version") { Description = "Candidate prompt version (default: the production version)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the runs.", DefaultValueFactory = _ => 3600 };
        var compare = new Command("compare", "Runs the production prompt with production and with the candidate over every dataset; prints the report and verdict.")
        {
            candidate, datasets, prompt, promptVersion, timeout,
        };
        compare.SetAction((parse, cancellationToken) => CallAsync(parse, api, key, async client =>
        {
            var names = parse.GetValue(datasets) is { } d && !d.Equals("all", StringComparison.OrdinalIgnoreCase)
                ? d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            if (names is { Length: 0 })
            {
                throw new CliException("--datasets: give all or dataset names separated by commas");
            }

            var request = new CreateModelComparisonRequest(parse.GetValue(candidate), names, parse.GetValue(prompt), parse.GetValue(promptVersion));
            var started = await ReadAsync<ModelComparisonView>(await client.PostAsJsonAsync("/api/models/comparisons", request, cancellationToken), cancellationToken);
            var finished = await FollowAsync(output, client, started, TimeSpan.FromSeconds(parse.GetValue(timeout)), quiet: parse.GetValue(json), cancellationToken);
            return await PrintAsync(output, finished ?? started, parse.GetValue(json), timedOut: finished is null);
        }));
        return compare;
    }

    private static Command BuildShow(TextWriter output, Option<string?> api, Option<string?> key, Option<bool> json)
    {
        var id = new Argument<Guid>("comparison") { Description = "The comparison id." };
        var show = new Command("show", "A comparison's progress, or its report and verdict (exit code as for compare).") { id };
        show.SetAction((parse, cancellationToken) => CallAsync(parse, api, key, async client =>
        {
            var view = await ReadAsync<ModelComparisonView>(await client.GetAsync($"/api/models/comparisons/{parse.GetValue(id)}", cancellationToken), cancellationToken);
            return await PrintAsync(output, view, parse.GetValue(json), timedOut: false);
        }));
        return show;
    }

    private static Command BuildUse(TextWriter output, Option<string?> api, Option<string?> key, Option<bool> json)
    {
        var name = new Argument<string>("name") { Description = "The model configuration to make production." };
        var prompt = new Option<string?>("--prompt") { Description = "Prompt name (default support-reply)." };
        var promptVersion = new Option<int?>("--prompt-version") { Description = "Also move the production label to this prompt version." };
        var force = new Option<bool>("--force") { Description = "Switch without a passing comparison (needs --reason; audited as forced)." };
        var reason = new Option<string?>("--reason") { Description = "Why: it goes to the audit log." };
        var use = new Command("use", "Makes NAME the production model: refused (exit 3) without a passing comparison on the current dataset versions.")
        {
            name, prompt, promptVersion, force, reason,
        };
        use.SetAction((parse, cancellationToken) => CallAsync(parse, api, key, async client =>
        {
            if (parse.GetValue(force) && string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                throw new CliException("--force needs --reason: a forced switch goes to the audit log with its reason");
            }

            using var response = await client.PostAsJsonAsync("/api/models/production",
                new SwitchProductionModelRequest(parse.GetValue(name), parse.GetValue(prompt), parse.GetValue(promptVersion), parse.GetValue(force), parse.GetValue(reason)),
                cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
                throw new CliException($"refused: {problem?.Detail}", SwitchRefused);
            }

            var change = await ReadAsync<ModelChangeView>(response, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(change, Json));
            }
            else
            {
                await output.WriteLineAsync($"{change.Prompt}: production is now {change.ToModel} (version {change.ToPromptVersion}), was {change.FromModel} " +
                    $"(version {change.FromPromptVersion}); " + (change.Forced ? $"forced: {change.Reason}" : $"comparison {change.ComparisonId}") + $"; audit {change.Id}");
            }

            return CliExitCodes.Ok;
        }));
        return use;
    }

    private static Command BuildShadow(TextWriter output, Option<string?> api, Option<string?> key, Option<bool> json)
    {
        var candidate = new Option<string?>("--candidate") { Description = "Only this candidate (default: every candidate with shadow drafts)." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only tickets drafted since this time (ISO 8601; default: all)." };
        var shadow = new Command("shadow", "Shadow mode: production against the shadow candidate on the same live tickets, per category.") { candidate, since };
        shadow.SetAction((parse, cancellationToken) => CallAsync(parse, api, key, async client =>
        {
            var query = new List<string>();
            if (parse.GetValue(since) is { } from)
            {
                query.Add("since=" + Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            }

            var suffix = query.Count == 0 ? "" : "?" + string.Join('&', query);
            ShadowReportsView view;
            if (parse.GetValue(candidate) is { Length: > 0 } name)
            {
                using var response = await client.GetAsync($"/api/models/shadow/{Uri.EscapeDataString(name)}{suffix}", cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new CliException($"--candidate: '{name}' is not a configured model and has no shadow drafts");
                }

                view = new ShadowReportsView(parse.GetValue(since), [await ReadAsync<ShadowReportView>(response, cancellationToken)]);
            }
            else
            {
                view = await ReadAsync<ShadowReportsView>(await client.GetAsync($"/api/models/shadow{suffix}", cancellationToken), cancellationToken);
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(view, Json));
            }
            else
            {
                ShadowReportText.Write(output, view);
            }

            return CliExitCodes.Ok;
        }));
        return shadow;
    }

    private static async Task<int> PrintAsync(TextWriter output, ModelComparisonView view, bool json, bool timedOut)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(view, Json));
        }
        else
        {
            ModelComparisonText.Write(output, view);
        }

        if (timedOut || view.Status == "running")
        {
            if (!json)
            {
                await output.WriteLineAsync($"comparison {view.Id} has not finished ({view.Completed}/{view.Total}); see `supportbot model show {view.Id}`");
            }

            return RunFailed;
        }

        return view.Status == "failed" ? RunFailed : view.Passed == true ? CliExitCodes.Ok : VerdictFailed;
    }

    /// <summary>Polls until every run finished; a progress line whenever a tenth more is done (and on a terminal, each second).</summary>
    private static async Task<ModelComparisonView?> FollowAsync(
        TextWriter output, HttpClient client, ModelComparisonView started, TimeSpan timeout, bool quiet, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var interactive = CliConsole.IsInteractive(output);
        var last = -1;
        if (!quiet)
        {
            await output.WriteLineAsync($"comparison {started.Id}: {started.CandidateModel} against {started.BaselineModel}, prompt {started.Prompt}@{started.BaselinePromptVersion}" +
                $"{(started.CandidatePromptVersion != started.BaselinePromptVersion ? $" (candidate @{started.CandidatePromptVersion})" : "")}, " +
                $"{started.Runs.Count} datasets, {started.Total} drafts");
        }

        while (DateTimeOffset.UtcNow < deadline)
        {
            ModelComparisonView view;
            try
            {
                view = await ReadAsync<ModelComparisonView>(await client.GetAsync($"/api/models/comparisons/{started.Id}", cancellationToken), cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The read that writes the report (monitors over every draft) outlasted the HTTP timeout: ask again.
                continue;
            }

            if (!quiet && view.Completed != last && (interactive || view.Completed - last >= Math.Max(1, view.Total / 10) || view.Status != "running"))
            {
                last = view.Completed;
                await output.WriteLineAsync($"  {view.Status} {view.Completed}/{view.Total} drafts ({(view.Total == 0 ? 100 : 100 * view.Completed / view.Total)}%)");
            }

            if (view.Status != "running")
            {
                return view;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return null;
    }

    private static async Task<int> CallAsync(ParseResult parse, Option<string?> api, Option<string?> key, Func<HttpClient, Task<int>> action)
    {
        var connection = ApiConnection.Resolve(parse.GetValue(api), parse.GetValue(key));
        using var client = connection.Client(connection.ManagerKey
            ?? throw new CliException("no manager key: pass --key or set SUPPORTBOT_API_KEY", CliExitCodes.Unavailable));
        try
        {
            return await action(client);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the API at {connection.BaseAddress}: {ex.Message}", CliExitCodes.Unavailable);
        }
    }

    /// <summary>The body of a success; a 400 becomes one line with the field errors, anything else one line with the status.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = JsonSerializer.Deserialize<Problem>(text, Json);
                var fields = problem?.Errors?.SelectMany(e => e.Value.Select(m => $"--{Kebab(e.Key)}: {m}")) ?? [];
                throw new CliException(string.Join("; ", fields.DefaultIfEmpty(problem?.Detail ?? text)));
            }

            var detail = JsonSerializer.Deserialize<Problem>(text, Json)?.Detail;
            throw new CliException($"API answered {(int)response.StatusCode}: {detail ?? text}",
                response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? CliExitCodes.BadInput : CliExitCodes.Unavailable);
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    private static string Kebab(string field) => string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    private static string Price(ModelDefinitionView m) => m.InputPricePerMillion is { } i && m.OutputPricePerMillion is { } o
        ? FormattableString.Invariant($" (per 1M tokens: {i} in, {o} out)")
        : " (price not configured)";
}
