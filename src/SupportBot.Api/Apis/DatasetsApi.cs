using Npgsql;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Evaluation.Datasets;

namespace SupportBot.Api.Apis;

/// <summary>
/// Versioned datasets of test cases. Every change is a new version; items are never edited or
/// deleted, and datasets are archived, not deleted, so past experiment runs stay reproducible.
/// </summary>
public static class DatasetsApi
{
    private const int MaxItemsPerChange = 10_000;

    public static RouteGroupBuilder MapDatasetEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets");
        api.MapGet("/", List).RequireAuthorization(AuthorizationPolicies.Agent).WithSummary("Datasets with their current version and size");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(AuthorizationPolicies.Agent).WithSummary("A dataset with all its versions");
        api.MapGet("/{id:guid}/versions/{version:int}/items", Items).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("The items of one version, exactly as they were");
        api.MapPost("/", Create).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Creates a dataset, empty or from resolved tickets (by ids, category or tag)");
        api.MapPost("/{id:guid}/items", AddItems).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Adds items from tickets or from a reviewed trace, as a new version");
        api.MapPost("/{id:guid}/items/remove", RemoveItems).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Removes items, as a new version (older versions keep them)");
        api.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Archives a dataset: readable, no further changes or runs");
        return api;
    }

    private static async Task<Ok<List<DatasetSummary>>> List(bool? archived, DatasetQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(archived ?? false, cancellationToken));

    private static async Task<Results<Ok<DatasetDetail>, NotFound<ProblemDetails>>> Get(Guid id, DatasetQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } detail ? TypedResults.Ok(detail) : UnknownDataset(id);

    private static async Task<Results<Ok<List<DatasetItemView>>, NotFound<ProblemDetails>>> Items(
        Guid id, int version, DatasetQueries queries, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(id, cancellationToken);
        if (detail is null)
        {
            return UnknownDataset(id);
        }

        return version < 1 || version > detail.Dataset.CurrentVersion
            ? TypedResults.NotFound(Problem("Dataset version not found", $"Dataset {id} has versions 1 to {detail.Dataset.CurrentVersion}.", 404))
            : TypedResults.Ok(await queries.ItemsAsync(id, version, cancellationToken));
    }

    private static async Task<Results<Created<DatasetChangeView>, ValidationProblem, Conflict<ProblemDetails>>> Create(
        CreateDatasetRequest request, DatasetStore store, DatasetItemSources sources, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name is not { Length: > 0 and <= 200 } || string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (request.Category is { Length: > TextLimits.CategoryName })
        {
            errors["category"] = [$"A category has at most {TextLimits.CategoryName} characters."];
        }

        ValidateFilter(request.FromTickets, "fromTickets", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var items = request.FromTickets is { } filter ? await sources.FromTicketsAsync(Selection(filter), cancellationToken) : [];
        if (request.FromTickets is not null && items.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fromTickets"] = ["No resolved historical ticket matches the filter."] });
        }

        try
        {
            var change = await store.CreateAsync(request.Name!.Trim(), request.Description ?? "", request.Category, items,
                request.FromTickets is null ? "created empty" : $"created from {items.Count} tickets", cancellationToken);
            return TypedResults.Created($"/api/datasets/{change.DatasetId}", ToView(change));
        }
        catch (Exception ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Conflict(Problem("Dataset exists", $"A dataset named '{request.Name}' already exists.", 409));
        }
    }

    private static async Task<Results<Ok<DatasetChangeView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddItems(
        Guid id, AddDatasetItemsRequest request, DatasetStore store, DatasetItemSources sources, DatasetQueries queries, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.FromTickets is null && request.FromTrace is null)
        {
            errors["fromTickets"] = ["Give fromTickets and/or fromTrace."];
        }

        ValidateFilter(request.FromTickets, "fromTickets", errors);
        if (request.FromTrace is { } trace)
        {
            if (string.IsNullOrWhiteSpace(trace.TraceId))
            {
                errors["fromTrace.traceId"] = ["The trace id is required."];
            }

            if (string.IsNullOrWhiteSpace(trace.ExpectedOutput) || trace.ExpectedOutput.Length > TextLimits.Body)
            {
                errors["fromTrace.expectedOutput"] = [$"The expected reply is required (at most {TextLimits.Body} characters)."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await RefusalAsync(id, queries, cancellationToken) is { } refusal)
        {
            return refusal.Status == StatusCodes.Status404NotFound ? TypedResults.NotFound(refusal) : TypedResults.Conflict(refusal);
        }

        var items = request.FromTickets is { } filter ? await sources.FromTicketsAsync(Selection(filter), cancellationToken) : [];
        if (request.FromTrace is { } fromTrace)
        {
            var item = await sources.FromTraceAsync(fromTrace.TraceId!, fromTrace.ExpectedOutput!, fromTrace.ExpectedHandoff, cancellationToken);
            if (item is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fromTrace.traceId"] = [$"No trace '{fromTrace.TraceId}' with a ticket."] });
            }

            items.Add(item);
        }

        if (items.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fromTickets"] = ["No resolved historical ticket matches the filter."] });
        }

        DatasetChange change;
        try
        {
            change = await store.AddItemsAsync(id, items, request.FromTrace is null ? $"added {items.Count} tickets" : $"added from trace {request.FromTrace.TraceId}", cancellationToken);
        }
        catch (DatasetNotFoundException)
        {
            return TypedResults.Conflict(Problem("Dataset archived", $"Dataset {id} was archived during the change.", 409));
        }

        return TypedResults.Ok(ToView(change));
    }

    private static async Task<Results<Ok<DatasetChangeView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemoveItems(
        Guid id, RemoveDatasetItemsRequest request, DatasetStore store, DatasetQueries queries, CancellationToken cancellationToken)
    {
        if (request.ItemIds is not { Length: > 0 and <= MaxItemsPerChange })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["itemIds"] = [$"1 to {MaxItemsPerChange} item ids are required."] });
        }

        if (await RefusalAsync(id, queries, cancellationToken) is { } refusal)
        {
            return refusal.Status == StatusCodes.Status404NotFound ? TypedResults.NotFound(refusal) : TypedResults.Conflict(refusal);
        }

        return TypedResults.Ok(ToView(await store.RemoveItemsAsync(id, request.ItemIds, $"removed {request.ItemIds.Length} items", cancellationToken)));
    }

    private static async Task<Results<Ok<DatasetDetail>, NotFound<ProblemDetails>>> Archive(
        Guid id, DatasetStore store, DatasetQueries queries, CancellationToken cancellationToken)
    {
        await store.ArchiveAsync(id, cancellationToken);
        return await queries.GetAsync(id, cancellationToken) is { } detail ? TypedResults.Ok(detail) : UnknownDataset(id);
    }

    /// <summary>Null when the dataset can change; otherwise why not: 404 (unknown) or 409 (archived).</summary>
    private static async Task<ProblemDetails?> RefusalAsync(Guid id, DatasetQueries queries, CancellationToken cancellationToken)
    {
        var dataset = await queries.FindAsync(id.ToString(), cancellationToken);
        return dataset is null ? Problem("Dataset not found", $"There is no dataset {id}.", 404)
            : dataset.ArchivedAt is not null ? Problem("Dataset archived", $"Dataset '{dataset.Name}' is archived and cannot change.", 409)
            : null;
    }

    private static void ValidateFilter(DatasetTicketFilter? filter, string field, Dictionary<string, string[]> errors)
    {
        if (filter is null)
        {
            return;
        }

        if (filter.TicketIds is not { Length: > 0 } && string.IsNullOrWhiteSpace(filter.Category) && string.IsNullOrWhiteSpace(filter.Tag))
        {
            errors[field] = ["Give ticketIds, a category or a tag."];
        }

        if (filter.TicketIds is { Length: > MaxItemsPerChange })
        {
            errors[$"{field}.ticketIds"] = [$"At most {MaxItemsPerChange} ticket ids per change."];
        }

        if (filter.Limit is < 1 or > MaxItemsPerChange)
        {
            errors[$"{field}.limit"] = [$"The limit must be between 1 and {MaxItemsPerChange}."];
        }
    }

    private static TicketSelection Selection(DatasetTicketFilter filter) =>
        new(filter.TicketIds, string.IsNullOrWhiteSpace(filter.Category) ? null : filter.Category, string.IsNullOrWhiteSpace(filter.Tag) ? null : filter.Tag, filter.Limit ?? MaxItemsPerChange);

    private static DatasetChangeView ToView(DatasetChange change) =>
        new(change.DatasetId, change.Version, change.Added, change.Removed, change.Skipped, change.ItemCount);

    private static NotFound<ProblemDetails> UnknownDataset(Guid id) =>
        TypedResults.NotFound(Problem("Dataset not found", $"There is no dataset {id}.", 404));

    private static ProblemDetails Problem(string title, string detail, int status) => new() { Title = title, Detail = detail, Status = status };
}
