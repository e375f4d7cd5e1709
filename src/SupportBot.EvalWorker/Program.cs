using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.EvalWorker;
using SupportBot.Signals;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportBotDatabase();
builder.AddRedisClient(ConnectionNames.Cache);
builder.AddSignalConsumer();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWorkerStatusEndpoints();

app.Run();
