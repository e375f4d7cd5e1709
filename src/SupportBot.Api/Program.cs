using SupportBot.Api;
using SupportBot.Api.Apis;
using SupportBot.Api.Auth;
using SupportBot.Api.Demo;
using SupportBot.Api.Input;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.ApiKeys;
using SupportBot.Data.HelpCenter;
using SupportBot.Data.Import;
using SupportBot.Drafting;
using SupportBot.Evaluation;
using SupportBot.Evaluation.Experiments;
using SupportBot.Evaluation.Proposals;
using SupportBot.Models;
using SupportBot.Monitors;
using SupportBot.Signals;
using SupportBot.Signals.Gates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddSupportBotRedisClient(ConnectionNames.Cache);
builder.AddDraftingPipeline();
builder.AddSignalPublisher();
builder.AddEditClassifier();
builder.AddApiKeyAuthentication();
builder.AddGates();
builder.Services.AddScoped<CategoryPhaseService>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ApiKeyService>();
builder.Services.AddExperiments();
builder.Services.AddPhase1Gate(builder.Configuration);
builder.Services.AddSingleton<IRunNotifier, RedisRunDoorbell>();
builder.Services.AddHostedService<DefaultPromptSeeder>();
builder.Services.Configure<BootstrapOptions>(builder.Configuration.GetSection(BootstrapOptions.Section));
builder.AddHelpCenter();
builder.AddAlerts();
builder.Services.AddSingleton<TicketImporter>();
builder.Services.AddHostedService<KnowledgeBootstrapper>();
builder.Services.AddDatasetProposals(builder.Configuration);
builder.Services.AddInputHardening();
builder.AddConversationsApi();
// Phase 3 monitors: every sent reply is queued for the worker's monitors; the dry run and follow-up queue are served here.
builder.AddMonitors();
// A flag spike on a customer-facing category pauses it (docs/monitors.md): Alertmanager -> /api/alerts/webhook -> this handler.
builder.Services.AddScoped<SupportBot.Data.Alerts.IAlertEventHandler, SupportBot.Monitors.Alerts.FlagSpikePauseHandler>();
builder.AddSentReplyQueue();
// Switching models (docs/switching-models.md): comparisons over every dataset and the audited switch.
builder.Services.AddModelSwitching(builder.Configuration);
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>().AddSchemaTransformer<StringSchemaTransformer>().AddSchemaTransformer<OptionalFieldsSchemaTransformer>());

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseInputHardening();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapIdentityEndpoints();
app.MapApiKeyEndpoints();
app.MapTicketEndpoints();
app.MapDraftEndpoints();
app.MapSearchEndpoints();
app.MapPromptEndpoints();
app.MapHelpArticleEndpoints();
app.MapTicketImportEndpoints();
app.MapGateEndpoints();
app.MapCategoryEndpoints();
app.MapDatasetEndpoints();
app.MapExperimentEndpoints();
app.MapExperimentCancellationEndpoint();
app.MapExperimentReviewEndpoints();
app.MapFailureModeEndpoints();
app.MapOutdatedCitationEndpoints();
app.MapSignalEndpoints();
app.MapEditEndpoints();
app.MapReviewQueueEndpoints();
app.MapDatasetProposalEndpoints();
app.MapConversationsApi();
app.MapMonitorEndpoints();
app.MapFollowUpEndpoints();
app.MapAlertEndpoints();
app.MapModelEndpoints();

app.Run();
