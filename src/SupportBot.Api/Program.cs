using SupportBot.Api;
using SupportBot.Api.Apis;
using SupportBot.Api.Auth;
using SupportBot.Api.Demo;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.ApiKeys;
using SupportBot.Data.HelpCenter;
using SupportBot.Data.Import;
using SupportBot.Drafting;
using SupportBot.Evaluation;
using SupportBot.Evaluation.Experiments;
using SupportBot.Evaluation.Proposals;
using SupportBot.Monitors;
using SupportBot.Signals;
using SupportBot.Signals.Gates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddRedisClient(ConnectionNames.Cache);
builder.AddDraftingPipeline();
builder.AddSignalPublisher();
builder.AddApiKeyAuthentication();
builder.AddGates();
builder.Services.AddScoped<CategoryPhaseService>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ApiKeyService>();
builder.Services.AddExperiments();
builder.Services.AddSingleton<IRunNotifier, RedisRunDoorbell>();
builder.Services.AddHostedService<DefaultPromptSeeder>();
builder.Services.Configure<BootstrapOptions>(builder.Configuration.GetSection(BootstrapOptions.Section));
builder.AddHelpCenter();
builder.Services.AddSingleton<TicketImporter>();
builder.Services.AddHostedService<KnowledgeBootstrapper>();
builder.Services.AddDatasetProposals(builder.Configuration);
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
// Phase 3 monitors: every sent reply is queued for the worker's monitors; the dry run and follow-up queue are served here.
builder.AddMonitors();
builder.AddSentReplyQueue();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>());

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

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
app.MapSignalEndpoints();
app.MapReviewQueueEndpoints();
app.MapDatasetProposalEndpoints();
app.MapMonitorEndpoints();
app.MapFollowUpEndpoints();

app.Run();
