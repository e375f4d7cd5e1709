using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Evaluation.Proposals;

namespace SupportBot.Tests.Evaluation;

public sealed class ProposalNamerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_model_names_come_from_the_top_terms()
    {
        var (name, namedBy) = await new ProposalNamer(NullLogger<ProposalNamer>.Instance)
            .NameAsync("billing", ["refund", "annual", "window", "days"], ["Refund please"], Ct);

        Assert.Equal("billing: refund / annual / window", name);
        Assert.Equal(ProposalNamer.ByTerms, namedBy);
    }

    [Fact]
    public async Task A_model_names_the_cluster_from_terms_and_examples()
    {
        var model = new ScriptedChatClient(_ => "\"Refund within policy.\"");

        var (name, namedBy) = await new ProposalNamer(NullLogger<ProposalNamer>.Instance, new JudgeModel(model))
            .NameAsync("billing", ["refund", "annual"], ["Refund please", "Money back"], Ct);

        Assert.Equal("billing: Refund within policy", name);
        Assert.Equal(ProposalNamer.ByModel, namedBy);
        Assert.Contains("Top terms: refund, annual", model.LastUserMessage);
        Assert.Contains("- Money back", model.LastUserMessage);
    }

    [Fact]
    public async Task A_failing_model_leaves_the_term_name()
    {
        var model = new ScriptedChatClient(_ => throw new HttpRequestException("connection refused"));

        var (name, namedBy) = await new ProposalNamer(NullLogger<ProposalNamer>.Instance, new JudgeModel(model))
            .NameAsync("billing", ["refund"], ["Refund please"], Ct);

        Assert.Equal("billing: refund", name);
        Assert.Equal(ProposalNamer.ByTerms, namedBy);
    }

    /// <summary>An in-memory model for this pure-logic test: answers with <paramref name="answer"/>.</summary>
    private sealed class ScriptedChatClient(Func<IEnumerable<ChatMessage>, string> answer) : IChatClient
    {
        public string LastUserMessage { get; private set; } = "";

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastUserMessage = messages.Last(m => m.Role == ChatRole.User).Text;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(messages))));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
