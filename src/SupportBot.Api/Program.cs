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
using SupportBot.Signals;
using SupportBot.Signals.Gates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddSupportBotRedisClient(ConnectionNames.Cache);
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
builder.AddAlerts();
builder.Services.AddSingleton<TicketImporter>();
builder.Services.AddHostedService<KnowledgeBootstrapper>();
builder.Services.AddDatasetProposals(builder.Configuration);
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
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
app.MapAlertEndpoints();

app.Run();
