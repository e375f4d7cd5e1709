using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Signals.Edits;

namespace SupportBot.Tests.Signals;

/// <summary>The model-backed edit classifier's contract, with an in-memory chat client (pure logic: no model is under test).</summary>
public sealed class ModelEditClassifierTests
{
    private const string Draft = "Hi Anna, open Reports and choose Export.";
    private const string Sent = "Hello Anna! Open Settings and choose Export.";

    [Fact]
    public async Task The_models_answer_is_used_when_it_is_one_of_the_edit_types()
    {
        var chat = new ScriptedChatClient("""{"editType": "Tone"}""");
        var type = await new ModelEditClassifier(chat, NullLogger<ModelEditClassifier>.Instance).ClassifyAsync(Draft, Sent, TestContext.Current.CancellationToken);

        Assert.Equal("tone", type);
        Assert.Contains("<sent>", Assert.Single(chat.Prompts), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I think it is a rewrite")]
    [InlineData("""{"editType": "rewritten"}""")]
    [InlineData(null)]
    public async Task An_unusable_or_failed_answer_falls_back_to_the_heuristic(string? answer)
    {
        var chat = new ScriptedChatClient(answer);
        var type = await new ModelEditClassifier(chat, NullLogger<ModelEditClassifier>.Instance).ClassifyAsync(Draft, Sent, TestContext.Current.CancellationToken);

        Assert.Equal(HeuristicEditClassifier.Classify(Draft, Sent), type);
        Assert.Equal("corrected", type);
    }

    [Fact]
    public async Task An_unchanged_reply_is_none_without_asking_the_model()
    {
        var chat = new ScriptedChatClient("""{"editType": "corrected"}""");
        var type = await new ModelEditClassifier(chat, NullLogger<ModelEditClassifier>.Instance).ClassifyAsync(Draft, Draft, TestContext.Current.CancellationToken);

        Assert.Equal("none", type);
        Assert.Empty(chat.Prompts);
    }

    /// <summary>Answers every request with one fixed text, or throws when given none.</summary>
    private sealed class ScriptedChatClient(string? answer) : IChatClient
    {
        public List<string> Prompts { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Prompts.Add(string.Join("\n", messages.Select(m => m.Text)));
            return answer is null
                ? throw new HttpRequestException("model unreachable")
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
