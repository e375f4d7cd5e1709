using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Drafting;
using SupportBot.Evaluation;
using SupportBot.EvalWorker;
using SupportBot.Evaluation.Evaluators;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddRedisClient(ConnectionNames.Cache);
builder.AddDraftingPipeline();
builder.Services.AddExperimentWorker(builder.Configuration);
// Experiment runs grade drafts with DraftGrader (docs/evaluators.md).
builder.Services.AddDraftEvaluators(builder.Configuration);
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWorkerStatusEndpoints();

app.Run();
