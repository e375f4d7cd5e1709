using SupportBot.Web.Api;
using SupportBot.Web.Auth;
using SupportBot.Web.Components;
using SupportBot.Web.Inbox;

var builder = WebApplication.CreateBuilder(args);
// The stylesheet and blazor.web.js from the build output in every environment: the AppHost runs the built project, not a publish.
builder.WebHost.UseStaticWebAssets();

builder.AddServiceDefaults();
builder.AddSupportBotApiClient();
builder.AddConsoleAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SupportBot.Web.Inbox.RecentlySent>();
// Static server rendering only: every page is HTML from the server, forms post back, blazor.web.js adds enhanced navigation.
builder.Services.AddRazorComponents();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<ExpiredSessionMiddleware>();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapSessionEndpoints();
app.MapEditPreviewEndpoints();
app.MapRazorComponents<App>();

app.Run();
