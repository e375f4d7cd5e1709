using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SupportBot.Conversations;

namespace SupportBot.Api.Apis;

/// <summary>
/// ASP.NET Core rate limiting for the conversation endpoints: a token bucket per conversation (customer messages) and
/// one per API key (every conversation request), both refilling steadily so a client that waits Retry-After seconds gets
/// through. Rejections are 429 ProblemDetails with Retry-After.
/// </summary>
public static class ConversationRateLimits
{
    public const string PerConversation = "conversation-messages";
    private const string ConversationsPath = "/api/conversations";

    public static IHostApplicationBuilder AddConversationRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(ConversationOptions.Section).Get<ConversationOptions>()?.RateLimits ?? new();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            // Per key, on conversation requests only: everything else is unchanged.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments(ConversationsPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetTokenBucketLimiter("key:" + (context.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous"),
                        _ => Bucket(limits.RequestsPerChannelKeyPerMinute))
                    : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(PerConversation, context =>
                RateLimitPartition.GetTokenBucketLimiter("conversation:" + (context.Request.RouteValues["id"]?.ToString() ?? ""),
                    _ => Bucket(limits.MessagesPerConversationPerMinute)));
        });
        return builder;
    }

    /// <summary>Holds a quarter of a minute's allowance (at least one) and refills it evenly: bursts are short, waits are short.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        var perMinuteAtLeastOne = Math.Max(1, perMinute);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perMinuteAtLeastOne / 4),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinuteAtLeastOne,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Rate limit reached; retry after {seconds} s.",
            },
        });
    }
}
