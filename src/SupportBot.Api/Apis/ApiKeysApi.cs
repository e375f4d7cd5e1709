using Microsoft.EntityFrameworkCore;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Api.Apis;

/// <summary>API key management, for admins only. The plain key is returned once, on creation.</summary>
public static class ApiKeysApi
{
    private const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/api-keys")
            .WithTags("API keys")
            .RequireAuthorization(AuthorizationPolicies.Admin);

        api.MapGet("/", ListKeys).WithSummary("Lists API keys (never their values)");
        api.MapPost("/", CreateKey).WithSummary("Creates an API key and returns its value once");
        api.MapDelete("/{id:guid}", RevokeKey).WithSummary("Revokes an API key");
        return api;
    }

    private static async Task<Ok<List<ApiKeySummary>>> ListKeys(SupportBotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ApiKeys
            .OrderBy(k => k.Name)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken));

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem, Conflict<ProblemDetails>>> CreateKey(
        CreateApiKeyRequest request, SupportBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var name = request.Name!.Trim();
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken))
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "API key name taken",
                Detail = $"An API key named '{name}' already exists.",
                Status = StatusCodes.Status409Conflict,
            });
        }

        var plain = ApiKeyMaterial.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Role = request.Role!,
            KeyHash = ApiKeyMaterial.Hash(plain),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.Role, plain, key.CreatedAt));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeKey(
        Guid id, SupportBotDbContext db, ApiKeyStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "API key not found", Status = StatusCodes.Status404NotFound });
        }

        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        store.Forget(key.KeyHash);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(CreateApiKeyRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (request.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"The name may be at most {MaxNameLength} characters."];
        }

        if (!Roles.IsKnown(request.Role))
        {
            errors["role"] = [$"The role must be one of: {string.Join(", ", Roles.All)}."];
        }

        return errors;
    }
}
