using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.ApiKeys;

namespace SupportBot.Api.Apis;

/// <summary>API key management, for admins only. The plain key is returned once, on creation.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/api-keys")
            .WithTags("API keys")
            .RequireAuthorization(AuthorizationPolicies.Admin);

        api.MapGet("/", ListKeys).WithSummary("Lists API keys (never their values)");
        api.MapPost("/", CreateKey).WithSummary("Creates an API key and returns its value once");
        api.MapDelete("/{id:guid}", RevokeKey).WithSummary("Revokes an API key (409 when it was revoked already)");
        return api;
    }

    private static async Task<Ok<List<ApiKeySummary>>> ListKeys(ApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(cancellationToken));

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem, Conflict<ProblemDetails>>> CreateKey(
        CreateApiKeyRequest request, ApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.CreateAsync(request.Name, request.Role, cancellationToken) switch
        {
            CreateApiKeyResult.Created created => TypedResults.Created($"/api/admin/api-keys/{created.Key.Id}", created.Key),
            CreateApiKeyResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            CreateApiKeyResult.NameTaken taken => TypedResults.Conflict(new ProblemDetails
            {
                Title = "API key name taken",
                Detail = $"An API key named '{taken.Name}' already exists.",
                Status = StatusCodes.Status409Conflict,
            }),
            var other => throw new InvalidOperationException($"Unexpected result {other}"),
        };

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RevokeKey(
        Guid id, ApiKeyService keys, ApiKeyRevocations revocations, CancellationToken cancellationToken)
    {
        if (await keys.RevokeAsync(all => all.Where(k => k.Id == id), cancellationToken) is not { } revoked)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "API key not found", Detail = $"No API key with id {id}.", Status = StatusCodes.Status404NotFound });
        }

        await revocations.PublishAsync(revoked.KeyHash);
        return revoked.AlreadyRevoked
            ? TypedResults.Conflict(new ProblemDetails
            {
                Title = "API key already revoked",
                Detail = $"API key {id} was already revoked at {revoked.RevokedAt:O}; nothing changed.",
                Status = StatusCodes.Status409Conflict,
            })
            : TypedResults.NoContent();
    }
}
