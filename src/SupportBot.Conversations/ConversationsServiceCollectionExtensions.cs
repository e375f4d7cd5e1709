using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportBot.Conversations.Chat;
using SupportBot.Conversations.Resolution;
using SupportBot.Conversations.Review;
using SupportBot.Conversations.Signals;

namespace SupportBot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The conversation services (API side). Needs AddSupportBotDatabase, AddRedisClient and AddDraftingPipeline first.</summary>
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ConversationOptions>(builder.Configuration.GetSection(ConversationOptions.Section));
        builder.Services.AddSingleton<ConversationMetrics>();
        builder.Services.AddSingleton<ConversationEvents>();
        builder.Services.AddSingleton<HumanRequestDetector>();
        builder.Services.AddSingleton<ReAskDetector>();
        builder.Services.AddScoped<ConversationStore>();
        builder.Services.AddScoped<ImplicitSignals>();
        builder.Services.AddScoped<ConversationService>();
        builder.Services.AddScoped<CustomerMessages>();
        builder.Services.AddScoped<Handoffs>();
        builder.Services.AddScoped<TeamReplies>();
        builder.Services.AddScoped<ResolutionQuery>();
        builder.Services.AddScoped<AbandonSweep>();
        builder.Services.AddSingleton<ConversationSignalClassifier>();
        builder.Services.AddScoped<ConversationReviewList>();
        builder.Services.AddScoped<ConversationReviews>();
        return builder;
    }

    /// <summary>The background parts (worker): the abandon timer and the resolution gauges, with the pause gauge.</summary>
    public static IHostApplicationBuilder AddConversationWorker(this IHostApplicationBuilder builder)
    {
        builder.AddConversations();
        builder.Services.AddSingleton<ResolutionMetrics>();
        builder.Services.AddHostedService<AbandonSweeper>();
        builder.Services.AddHostedService<ResolutionRefresher>();
        return builder;
    }
}
