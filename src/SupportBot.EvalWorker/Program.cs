using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Drafting;
using SupportBot.Evaluation;
using SupportBot.Drafting.Models;
using SupportBot.EvalWorker;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Monitors;
using SupportBot.Signals;
using SupportBot.Signals.Edits;
using SupportBot.Signals.Gates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddRedisClient(ConnectionNames.Cache);
builder.AddDraftingPipeline();
builder.Services.AddExperimentWorker(builder.Configuration);
// With a real model configured, edit types come from it (heuristic as fallback); else the heuristic alone.
var drafting = builder.Configuration.GetSection(DraftingOptions.Section).Get<DraftingOptions>() ?? new DraftingOptions();
if (!drafting.Provider.Equals(DraftingProviders.Embedded, StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddSingleton<IEditClassifier>(sp => ActivatorUtilities.CreateInstance<ModelEditClassifier>(
        sp, ChatClientFactory.CreateOpenAICompatible(drafting.OpenAI)));
}

builder.AddSignalConsumer();
// Experiment runs grade drafts with DraftGrader (docs/evaluators.md).
builder.Services.AddDraftEvaluators(builder.Configuration);
builder.AddGateGauges();
// Phase 3: every reply that reached a customer is checked by the monitors (docs/monitors.md).
builder.AddMonitorConsumer();
builder.AddSentReplyQueue();
builder.Services.AddOpenApi();

var app = builder.Build();

// Created eagerly: its gauges exist from the first scrape, not from the first resolve.
app.Services.GetRequiredService<GateMetrics>();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWorkerStatusEndpoints();

app.Run();
