using Microsoft.AspNetCore.Authorization;
using SupportBot.Contracts;

namespace SupportBot.Api.Auth;

/// <summary>
/// Who may do what. Roles nest: admin can do everything a manager can, a manager everything an
/// agent can. The ticketing integration is separate: it feeds tickets and replies in.
/// </summary>
public static class AuthorizationPolicies
{
    public const string Integration = "integration";
    public const string Agent = "agent";
    public const string Manager = "manager";
    public const string Admin = "admin";

    /// <summary>Sent replies come from the team or straight from the ticketing integration.</summary>
    public const string SentReplies = "sent-replies";

    /// <summary>The chat channel opens conversations and posts customer messages (docs/conversations.md: why a role of its own).</summary>
    public const string Channel = "channel";

    /// <summary>Transcripts and their event streams: the channel (its own conversations) and the team.</summary>
    public const string ConversationReaders = "conversation-readers";

    public static AuthorizationBuilder AddSupportBotPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build())
        .AddPolicy(Integration, p => p.RequireRole(Roles.Integration, Roles.Admin))
        .AddPolicy(Agent, p => p.RequireRole(RolePolicies.Agent))
        .AddPolicy(Manager, p => p.RequireRole(RolePolicies.Manager))
        .AddPolicy(Admin, p => p.RequireRole(RolePolicies.Admin))
        .AddPolicy(SentReplies, p => p.RequireRole(Roles.Integration, Roles.Agent, Roles.Manager, Roles.Admin))
        .AddPolicy(Channel, p => p.RequireRole(Roles.Channel, Roles.Admin))
        .AddPolicy(ConversationReaders, p => p.RequireRole(Roles.Channel, Roles.Agent, Roles.Manager, Roles.Admin));
}
