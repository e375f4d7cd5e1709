using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SupportBot.Api.Auth;
using SupportBot.Api.Input;
using SupportBot.Contracts;
using SupportBot.Data.Import;

namespace SupportBot.Api.Apis;

/// <summary>
/// Historical tickets in small batches, for integrations that push rather than export a file. It
/// validates and writes exactly as <c>supportbot import tickets</c> does; big backfills should use
/// the CLI, which streams a file of any size.
/// </summary>
public static class TicketImportApi
{
    public const int MaxItems = 1_000;

    public static RouteGroupBuilder MapTicketImportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tickets")
            .WithTags("Tickets")
            .RequireAuthorization(AuthorizationPolicies.Integration);

        api.MapPost("/import", ImportTickets)
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimits.ImportBodyBytes))
            .AddOpenApiOperationTransformer(DescribeItemsAsync)
            .WithSummary($"Imports up to {MaxItems:N0} historical resolved tickets; idempotent on id (or on subject and body without one)")
            .WithDescription("Items that fail validation are skipped and listed in errors, with their 0-based index in the array as line.");
        return api;
    }

    /// <summary>The body binds as raw JSON (see below); the document shows clients the item shape instead.</summary>
    private static async Task DescribeItemsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Schema = await context.GetOrCreateSchemaAsync(typeof(List<TicketImportItem>), null, cancellationToken);
        }
    }

    // Items bind as raw JSON so that one bad item (a date that does not parse, a number where text
    // belongs) is reported by index like a bad line of a file, instead of failing the whole batch.
    private static async Task<Results<Ok<ImportSummary>, ValidationProblem>> ImportTickets(
        List<JsonElement> tickets, TicketImporter importer, CancellationToken cancellationToken)
    {
        if (tickets.Count is 0 or > MaxItems)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["tickets"] = [tickets.Count == 0 ? "The batch is empty." : $"A batch holds at most {MaxItems:N0} tickets ({tickets.Count:N0} sent); use the CLI for bigger imports."],
            });
        }

        var source = new JsonArrayTicketSource(tickets, TicketFieldMapping.Default);
        return TypedResults.Ok(await importer.ImportAsync(source, batchSize: MaxItems, cancellationToken: cancellationToken));
    }
}
