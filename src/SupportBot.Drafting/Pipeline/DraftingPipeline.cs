using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Privacy;
using SupportBot.Drafting.Prompts;
using SupportBot.Drafting.Retrieval;
using SupportBot.Drafting.Tracing;

namespace SupportBot.Drafting.Pipeline;

/// <summary>
/// The one drafting pipeline: ticket → category → retrieval → prompt version → IChatClient → draft
/// and trace. Live tickets, customer chat, experiment runs and tests all draft through here.
/// </summary>
public sealed class DraftingPipeline(
    ModelCatalog models,
    ProductionModels productionModels,
    PromptStore prompts,
    SupportBotDbContext db,
    DraftingTelemetry telemetry,
    IOptions<DraftingOptions> options,
    TimeProvider clock)
{
    public const string PromptProperty = "supportbot.prompt";

    /// <summary>The named model configuration, in the options (and so in the response cache's key).</summary>
    public const string ModelConfigurationProperty = "supportbot.model";

    /// <summary>The model recorded when a guard handed off before generation.</summary>
    public const string NoModel = "none";

    public async Task<DraftResult> DraftAsync(DraftInput input, DraftOptions draftOptions, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stopwatch = Stopwatch.StartNew();
        using var root = DraftingTelemetry.Source.StartActivity(draftOptions.TraceName);
        var recorder = new TraceRecorder(clock);
        recorder.Attach(root);
        var startedAt = clock.GetUtcNow();

        var prompt = await prompts.ResolveAsync(draftOptions.PromptName, draftOptions.PromptLabel, draftOptions.PromptVersion, cancellationToken);
        // The caller's configuration (an experiment's candidate), else the one the audited switch made production.
        var modelName = draftOptions.ModelConfiguration ?? await productionModels.CurrentAsync(prompt.Name, cancellationToken);
        var model = models.Get(modelName);
        var (retriever, classifier, chat) = (model.Retriever, model.Classifier, model.Chat);
        root?.SetTag("supportbot.model.configuration", modelName);
        root?.SetTag("supportbot.prompt.name", prompt.Name);
        root?.SetTag("supportbot.prompt.version", prompt.Version);
        if (input.TicketId is { } ticketId)
        {
            root?.SetTag("supportbot.ticket.id", ticketId.ToString());
        }

        var ticketQuery = new RetrievalQuery($"{input.Subject}\n{input.Body}", input.Language, input.Category, settings.SimilarTickets)
        {
            ExcludeTicketIds = input.ExcludeTicketIds,
        };
        // Tickets and help articles are retrieved together; the articles are ranked once the category
        // is known, so this step's duration covers both queries and the article step's only the ranking.
        var retrieval = await recorder.StepAsync(ObservationTypes.Retrieval, "retrieve similar tickets",
            new { input.Language, givenCategory = input.Category, limit = settings.SimilarTickets },
            () => retriever.RetrieveAsync(ticketQuery, cancellationToken),
            r => r.Tickets.Select(h => new { h.Id, h.ExternalId, h.Category, score = Math.Round(h.Score, 4), h.Escalated }),
            r => new { terms = r.Lexemes.Count });
        var neighbours = retrieval.Tickets;

        var category = await recorder.StepAsync(ObservationTypes.Classification, "classify",
            new { givenCategory = input.Category, neighbours = neighbours.Count },
            async () => input.Category is { } given
                ? new CategoryDecision(given, 1, CategoryDecision.Given, [])
                : await classifier.ClassifyAsync(input.Subject, input.Body, neighbours, cancellationToken),
            decision => new { decision.Category, decision.Confidence, decision.Source, votes = decision.Votes });
        // An unsure vote is no category: the ticket goes to the team rather than to a category's gate.
        var unsure = category.Source != CategoryDecision.Given && category.Confidence < settings.MinCategoryConfidence
            ? category : null;
        if (unsure is not null)
        {
            category = category with { Category = CategoryDecision.Uncategorized };
        }

        root?.SetTag("supportbot.category", category.Category);

        var articles = await recorder.StepAsync(ObservationTypes.Retrieval, "retrieve help articles",
            new { input.Language, category = category.Category, limit = settings.Articles },
            () => Task.FromResult(retrieval.Articles.Rank(category.Category, settings.Articles)),
            hits => hits.Select(h => new { h.Slug, h.Version, h.Url, score = Math.Round(h.Score, 4) }));

        // The caller's last word before the model runs (the conversations' phase gate and pause switch).
        var guardReason = draftOptions.HandOffBeforeGeneration is not { } guard ? null
            : await recorder.StepAsync(ObservationTypes.Guard, "hand off before generation",
                new { category = category.Category },
                async () => await guard(new DraftCheckpoint(category, neighbours, articles), cancellationToken),
                reason => new { handoff = reason is not null, reason });

        var promptSettings = PromptSettings.FromJson(prompt.Settings);
        var messages = BuildMessages(prompt, input, category, neighbours, articles, settings.Privacy);
        var chatOptions = new ChatOptions
        {
            ModelId = draftOptions.Model ?? promptSettings.Model ?? model.Definition.Model,
            Temperature = promptSettings.Temperature,
            MaxOutputTokens = promptSettings.MaxOutputTokens,
            AdditionalProperties = new() { [PromptProperty] = $"{prompt.Name}@{prompt.Version}", [ModelConfigurationProperty] = modelName },
        };

        var response = guardReason is not null
            ? new ChatResponse(new ChatMessage(ChatRole.Assistant, $"{DraftReplyParser.HandoffPrefix} {guardReason}\n")) { ModelId = NoModel }
            : await recorder.StepAsync(ObservationTypes.Generation, "generate",
            new { prompt = prompt.Name, version = prompt.Version, model = chatOptions.ModelId, messages = messages.Count },
            () => chat.GetResponseAsync(messages, chatOptions, cancellationToken),
            r => new { text = r.Text, finishReason = r.FinishReason?.Value },
            r => new
            {
                model = r.ModelId,
                inputTokens = r.Usage?.InputTokenCount,
                outputTokens = r.Usage?.OutputTokenCount,
                totalTokens = r.Usage?.TotalTokenCount,
            });

        // The provider's usage when it reports one; else counted, so cost per draft is known for every model.
        var usage = guardReason is not null ? new TokenUsage(0, 0, Counted: false)
            : response.Usage is { InputTokenCount: { } inputTokens, OutputTokenCount: { } outputTokens } ? new TokenUsage((int)inputTokens, (int)outputTokens, Counted: false)
            : new TokenUsage(TokenCounter.Count(messages), TokenCounter.Count(response.Text), Counted: true);
        var reply = DraftReplyParser.Parse(response.Text);
        if (unsure is not null && !reply.Handoff)
        {
            reply = reply with { Handoff = true, HandoffReason = $"category unsure: {unsure.Category} at confidence {unsure.Confidence:0.00}, below {settings.MinCategoryConfidence:0.00}" };
        }
        var citations = articles
            .Where(a => reply.Text.Contains(a.Url, StringComparison.Ordinal))
            .Select(a => new CitedArticle(a.Slug, a.Version, a.Url, a.Title))
            .ToList();
        var modelId = response.ModelId ?? chatOptions.ModelId ?? chat.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";

        var draftId = input.TicketId is null ? (Guid?)null : Guid.CreateVersion7();
        stopwatch.Stop();
        var trace = new Data.Entities.Trace
        {
            Id = recorder.TraceId,
            Name = draftOptions.TraceName,
            TicketId = input.TicketId,
            DraftId = draftId,
            StartedAt = startedAt,
            DurationMs = stopwatch.Elapsed.TotalMilliseconds,
            Metadata = JsonSerializer.Serialize(new
            {
                prompt = new { prompt.Name, prompt.Version },
                model = modelId,
                modelConfiguration = modelName,
                provider = model.Definition.Provider,
                usage = new { usage.InputTokens, usage.OutputTokens, usage.Counted },
                category = category.Category,
                categorySource = category.Source,
                handoff = reply.Handoff,
                citations = citations.Select(c => new { c.Slug, c.Version }),
                // A live conversation's answer, or a multi-turn dataset item's: which turn, and how many earlier turns the model saw.
                conversation = input.ConversationId is not null || input.History.Count > 0
                    ? new { id = input.ConversationId, turn = input.Turn, earlierTurns = input.History.Count }
                    : null,
            }, TraceRecorder.Json),
        };
        var draft = draftId is not { } id ? null : new Draft
        {
            Id = id,
            TicketId = input.TicketId!.Value,
            TraceId = recorder.TraceId,
            Text = reply.Text,
            Category = category.Category,
            CategoryConfidence = category.Confidence,
            CategorySource = category.Source,
            Handoff = reply.Handoff,
            HandoffReason = reply.HandoffReason,
            PromptName = prompt.Name,
            PromptVersion = prompt.Version,
            Model = modelId,
            Citations = JsonSerializer.Serialize(citations, TraceRecorder.Json),
            CreatedAt = clock.GetUtcNow(),
        };

        await TraceWriter.WriteAsync(db, trace, recorder.Observations, draft, cancellationToken);
        root?.SetTag("supportbot.draft.handoff", reply.Handoff);
        telemetry.DraftCreated(category.Category, reply.Handoff, stopwatch.Elapsed.TotalSeconds);

        return new DraftResult(draftId, recorder.TraceId, reply.Text, reply.Handoff, reply.HandoffReason, category, citations,
            new PromptReference(prompt.Name, prompt.Version), modelId, neighbours, articles, stopwatch.Elapsed.TotalMilliseconds)
        {
            ModelConfiguration = modelName,
            Usage = usage,
        };
    }

    private static List<ChatMessage> BuildMessages(
        PromptVersion prompt, DraftInput input, CategoryDecision category, IReadOnlyList<SimilarTicket> neighbours, IReadOnlyList<ArticleHit> articles,
        PrivacyOptions privacy)
    {
        // No model, hosted or embedded, is shown another customer's name, handle, address or numbers.
        var rules = privacy.WithContextHosts(articles.Select(a => Uri.TryCreate(a.Url, UriKind.Absolute, out var url) ? url.Host : "").Where(h => h.Length > 0));
        var instructions = PromptTemplate.Render(prompt.Template, new Dictionary<string, string?>
        {
            ["language"] = input.Language,
            ["category"] = category.Category,
            ["customer_name"] = input.CustomerName ?? "unknown",
        });
        var conversation = input.ConversationId is not null || input.History.Count > 0;
        var context = new DraftingContext(
            new ContextTicket(input.Subject, input.Body, input.Language, input.CustomerName, category.Category),
            [.. neighbours.Select(n => new ContextSimilarTicket(
                n.ExternalId, n.Subject, IdentityScrubber.Scrub(n.Reply, n.Language, [n.CustomerName], rules).Body, n.Escalated, Math.Round(n.Score, 4)))],
            [.. articles.Select(a => new ContextArticle(a.Slug, a.Version, a.Title, a.Url, Excerpt(a.Body), Math.Round(a.Score, 4)))])
        {
            Conversation = conversation ? [.. input.History.Select(t => new ContextTurn(t.Role, t.Text))] : null,
        };
        if (conversation)
        {
            instructions += DraftingContextFormat.CustomerTextIsData;
        }

        return
        [
            new ChatMessage(ChatRole.System, instructions),
            new ChatMessage(ChatRole.User, DraftingContextFormat.ToUserMessage(context)),
        ];
    }

    /// <summary>Articles can be long; the start carries the gist and keeps prompts (and cache keys) small.</summary>
    private static string Excerpt(string body) => body.Length <= 1_500 ? body : body[..1_500] + "…";
}
