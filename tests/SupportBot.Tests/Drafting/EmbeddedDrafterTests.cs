using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Pipeline;

namespace SupportBot.Tests.Drafting;

/// <summary>The embedded model's behaviour on hand-made contexts (no database needed: it only reads its messages).</summary>
public sealed class EmbeddedDrafterTests
{
    private const string ExportReply = "Hi Anna,\n\nThe export moved: open Reports, then Export, pick CSV and click Export. We email you a download link.\n\nBest, Sam from Tasklane Support";
    private const string ArticleUrl = "https://help.tasklane.example/articles/export-data";

    private static readonly EmbeddedDrafterChatClient Model = new(Options.Create(new EmbeddedModelOptions()));

    [Fact]
    public async Task Adapts_the_best_resolved_reply_to_the_new_customer_and_cites_the_article()
    {
        var reply = await DraftAsync(Context(ticketScore: 0.6, escalated: false, articleScore: 0.4));

        Assert.False(reply.Handoff);
        Assert.StartsWith("Hi Maria,\n\n", reply.Text);
        Assert.Contains("open Reports, then Export, pick CSV", reply.Text);
        Assert.DoesNotContain("Anna", reply.Text);
        Assert.DoesNotContain("Sam from Tasklane", reply.Text);
        Assert.Contains(ArticleUrl, reply.Text);
        Assert.EndsWith("Best regards,\nThe support team", reply.Text);
    }

    [Fact]
    public async Task Hands_off_when_no_resolved_ticket_is_close_enough()
    {
        var reply = await DraftAsync(Context(ticketScore: 0.1, escalated: false, articleScore: 0.4));

        Assert.True(reply.Handoff);
        Assert.Contains("too different", reply.HandoffReason);
        Assert.StartsWith("Hi Maria,", reply.Text);
        Assert.Contains("passing your request to a teammate", reply.Text);
        Assert.DoesNotContain("Reports", reply.Text);
    }

    [Fact]
    public async Task Hands_off_when_the_closest_ticket_needed_an_escalation()
    {
        var reply = await DraftAsync(Context(ticketScore: 0.9, escalated: true, articleScore: 0.4));

        Assert.True(reply.Handoff);
        Assert.Contains("escalation", reply.HandoffReason);
    }

    [Fact]
    public async Task Does_not_cite_an_article_below_the_threshold_or_twice()
    {
        var weak = await DraftAsync(Context(ticketScore: 0.6, escalated: false, articleScore: 0.01));
        Assert.DoesNotContain(ArticleUrl, weak.Text);

        var context = Context(ticketScore: 0.6, escalated: false, articleScore: 0.5) with { };
        context = context with { SimilarTickets = [context.SimilarTickets[0] with { Reply = ExportReply.Replace("We email", $"See {ArticleUrl}. We email", StringComparison.Ordinal) }] };
        var cited = await DraftAsync(context);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(cited.Text, System.Text.RegularExpressions.Regex.Escape(ArticleUrl)));
    }

    [Fact]
    public async Task Greets_in_the_ticket_language_and_without_a_name_when_unknown()
    {
        var context = Context(ticketScore: 0.6, escalated: false, articleScore: 0.4);
        context = context with { Ticket = context.Ticket with { Language = "de", CustomerName = null } };

        var reply = await DraftAsync(context);

        Assert.StartsWith("Hallo,\n\n", reply.Text);
        Assert.EndsWith("Viele Grüße\nIhr Support-Team", reply.Text);
        Assert.Contains("Weitere Details finden Sie hier", reply.Text);
    }

    [Theory]
    [InlineData("Hi Anna, please reconnect the app in Zapier. Best regards, Sam", "Please reconnect the app in Zapier.")]
    [InlineData("Hello, the export moved to Reports. Cheers", "The export moved to Reports.")]
    [InlineData("Hi! Open Reports, then Export.\nThanks, Sam", "Open Reports, then Export.")]
    public async Task A_greeting_and_sign_off_on_the_same_line_as_the_answer_are_replaced_not_repeated(string oldReply, string kept)
    {
        var context = Context(ticketScore: 0.6, escalated: false, articleScore: 0.01);
        context = context with { SimilarTickets = [context.SimilarTickets[0] with { Reply = oldReply }] };

        var reply = await DraftAsync(context);

        Assert.Equal($"Hi Maria,\n\n{kept}\n\nBest regards,\nThe support team", reply.Text);
    }

    [Fact]
    public async Task A_one_line_answer_that_merely_starts_like_a_greeting_keeps_its_text()
    {
        var context = Context(ticketScore: 0.6, escalated: false, articleScore: 0.01);
        context = context with { SimilarTickets = [context.SimilarTickets[0] with { Reply = "Hi, try reconnecting." }] };

        var reply = await DraftAsync(context);

        Assert.Contains("Try reconnecting.", reply.Text);
    }

    [Fact]
    public async Task Same_input_gives_the_same_draft()
    {
        var context = Context(ticketScore: 0.6, escalated: false, articleScore: 0.4);

        Assert.Equal((await DraftAsync(context)).Text, (await DraftAsync(context)).Text);
    }

    [Fact]
    public async Task A_request_without_the_context_block_is_handed_off_not_invented()
    {
        var response = await Model.GetResponseAsync([new ChatMessage(ChatRole.User, "Where is my refund?")], cancellationToken: TestContext.Current.CancellationToken);

        var reply = DraftReplyParser.Parse(response.Text);
        Assert.True(reply.Handoff);
        Assert.Equal(EmbeddedModelOptions.ModelId, response.ModelId);
    }

    private static async Task<ParsedReply> DraftAsync(DraftingContext context)
    {
        var response = await Model.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "instructions"), new ChatMessage(ChatRole.User, DraftingContextFormat.ToUserMessage(context))],
            cancellationToken: TestContext.Current.CancellationToken);
        return DraftReplyParser.Parse(response.Text);
    }

    private static DraftingContext Context(double ticketScore, bool escalated, double articleScore) => new(
        new ContextTicket("Export button gone", "I can't find the export button anymore.", "en", "Maria", "troubleshooting"),
        [new ContextSimilarTicket("TL-1", "Export missing", ExportReply, escalated, ticketScore)],
        [new ContextArticle("export-data", 2, "Exporting your data", ArticleUrl, "Open Reports...", articleScore)]);
}
