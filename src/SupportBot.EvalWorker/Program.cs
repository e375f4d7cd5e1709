using SupportBot.Contracts;
using SupportBot.Conversations;
using SupportBot.Data;
using SupportBot.Drafting;
using SupportBot.Evaluation;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Semantic;
using SupportBot.EvalWorker;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Models.Shadow;
using SupportBot.Monitors;
using SupportBot.Signals;
using SupportBot.Signals.Edits;
using SupportBot.Signals.Gates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddSupportBotRedisClient(ConnectionNames.Cache);
builder.AddDraftingPipeline();
builder.Services.AddExperimentWorker(builder.Configuration);
builder.AddEditClassifier();

builder.AddSignalConsumer();
// Experiment runs grade drafts with DraftGrader (docs/evaluators.md).
builder.Services.AddDraftEvaluators(builder.Configuration);
builder.AddGateGauges();
// Sentence embeddings of history and help articles, computed in the background (docs/metrics.md: supportbot_vectors_*).
builder.AddVectorBackfill();
// Phase 3 background parts: the abandon timer and the resolution and pause gauges.
builder.AddConversationWorker();
// Phase 3: every reply that reached a customer is checked by the monitors (docs/monitors.md).
builder.AddMonitorConsumer();
builder.AddSentReplyQueue();
// Switching models: a candidate drafts a sampled share of live tickets in shadow, scored once the team's reply is sent (docs/switching-models.md).
builder.AddShadowDrafting();
builder.Services.AddOpenApi();

var app = builder.Build();

// Created eagerly: its gauges exist from the first scrape, not from the first resolve.
app.Services.GetRequiredService<GateMetrics>();
app.Services.GetRequiredService<VectorMetrics>();
app.Services.GetRequiredService<SupportBot.Conversations.Resolution.ResolutionMetrics>();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWorkerStatusEndpoints();

app.Run();
