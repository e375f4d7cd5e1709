using SupportBot.Api.Apis;
using SupportBot.Conversations;

namespace SupportBot.Api;

/// <summary>Phase 3 in the API: conversation services, their rate limits, and their endpoints.</summary>
public static class ConversationsSetup
{
    public static IHostApplicationBuilder AddConversationsApi(this IHostApplicationBuilder builder)
    {
        builder.AddConversations();
        builder.AddConversationRateLimits();
        return builder;
    }

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        app.MapConversationEndpoints();
        app.MapCategoryPauseEndpoints();
        app.MapResolutionEndpoints();
        app.MapConversationReviewEndpoints();
        return app;
    }
}
