using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Pipeline;
using SupportBot.Drafting.Privacy;

namespace SupportBot.Tests.Drafting;

/// <summary>Every case of docs/privacy.md: what of another customer's identity a reused reply loses, and what it keeps.</summary>
public sealed class IdentityScrubberTests
{
    private static readonly PrivacyOptions Rules = new PrivacyOptions { PublicHandles = ["@TasklaneHelp"] }
        .WithContextHosts(["help.tasklane.example"]);

    [Theory]
    [InlineData("@115712 Sorry about that! Please restart the app and try again.", "Sorry about that! Please restart the app and try again.")]
    [InlineData("@maria_k @jo_b: the export is under Reports now.", "The export is under Reports now.")]
    [InlineData("Please DM @TasklaneHelp with the workspace name.", "Please DM @TasklaneHelp with the workspace name.")]
    public void Handles_go_the_company_handle_stays(string reply, string expected) =>
        Assert.Equal(expected, Scrub(reply));

    [Theory]
    [InlineData("Please restart the app. ^AB", "Please restart the app.")]
    [InlineData("Please restart the app ^MK", "Please restart the app")]
    [InlineData("Please restart the app. -Massiel", "Please restart the app.")]
    [InlineData("Please restart the app. – Sam K.", "Please restart the app.")]
    [InlineData("Please restart the app. *TJ", "Please restart the app.")]
    [InlineData("Please restart the app.\n\nBest, Sam", "Please restart the app.")]
    [InlineData("Please restart the app.\n\nBest,\nSam from Tasklane Support", "Please restart the app.")]
    [InlineData("Please restart the app.\n\nViele Grüße\nJonas vom Tasklane-Support", "Please restart the app.")]
    [InlineData("Please restart the app.\n\nSam", "Please restart the app.")]
    [InlineData("Please restart the app. Thanks, Sam", "Please restart the app.")]
    public void Agent_signatures_and_initials_go(string reply, string expected) =>
        Assert.Equal(expected, Scrub(reply));

    [Fact]
    public void A_dash_inside_the_text_is_no_signature() =>
        Assert.Equal("Open Settings - Billing, then Plans.", Scrub("Open Settings - Billing, then Plans."));

    [Theory]
    [InlineData("Hi Anna,\n\nThe export moved to Reports.", "The export moved to Reports.")]
    [InlineData("Hi Anna, the export moved to Reports.", "The export moved to Reports.")]
    [InlineData("Dear Holly,\n\nThanks, Holly! The export moved to Reports.", "Thanks! The export moved to Reports.")]
    [InlineData("Hallo Herr Weber,\n\nIhr Export ist unter Berichte. Weber, bitte melden Sie sich erneut an.", "Ihr Export ist unter Berichte. Bitte melden Sie sich erneut an.")]
    [InlineData("Hi there,\n\nThe export moved to Reports.", "The export moved to Reports.")]
    public void The_greeted_customer_goes_wherever_the_name_appears(string reply, string expected) =>
        Assert.Equal(expected, Scrub(reply));

    [Fact]
    public void The_stored_customer_name_goes_even_without_a_greeting()
    {
        var scrubbed = IdentityScrubber.Scrub("Sorry Priya. I told Priya's manager the export moved. It is under Reports.", "en", ["Priya Raman"], Rules);

        Assert.Equal("Sorry. It is under Reports.", scrubbed.Body);
        Assert.Equal(2, scrubbed.Removed[IdentityScrubber.Name]);
    }

    [Theory]
    [InlineData("I sent the invoice to anna.b@gmail.com. It is also under Billing.", "It is also under Billing.")]
    [InlineData("Write to privacy@tasklane.example for a data export.", "Write to privacy@tasklane.example for a data export.")]
    [InlineData("Write to support@help.tasklane.example. We answer within a day.", "Write to support@help.tasklane.example. We answer within a day.")]
    public void Personal_emails_go_the_company_s_stay(string reply, string expected) =>
        Assert.Equal(expected, Scrub(reply));

    [Theory]
    [InlineData("I called you on +1 415 555 2671 yesterday. The fix is live.")]
    [InlineData("I called you on (415) 555-0132 yesterday. The fix is live.")]
    [InlineData("I called you on 555-0100 yesterday. The fix is live.")]
    [InlineData("I called you on +44 20 7946 0958 yesterday. The fix is live.")]
    [InlineData("I called you on 06 12 34 56 78 yesterday. The fix is live.")]
    public void Sentences_with_phone_numbers_go(string reply) =>
        Assert.Equal("The fix is live.", Scrub(reply));

    [Fact]
    public void German_mobile_numbers_are_found_in_the_reply_s_region() =>
        Assert.Equal("Der Fehler ist behoben.", IdentityScrubber.Scrub("Ich habe Sie unter 0151 23456789 angerufen. Der Fehler ist behoben.", "de", [], Rules).Body);

    [Theory]
    [InlineData("I refunded order #48213 to your card. Refunds take 5 days.")]
    [InlineData("Your account number: 7741-220 is now on the Team plan. Refunds take 5 days.")]
    [InlineData("Invoice INV-2024-0042 was voided. Refunds take 5 days.")]
    [InlineData("Ticket TL-10001 is closed. Refunds take 5 days.")]
    [InlineData("The card ending in 4242 was charged. Refunds take 5 days.")]
    [InlineData("Your customer id 99812734 is linked. Refunds take 5 days.")]
    [InlineData("We paid DE89 3704 0044 0532 0130 00 back. Refunds take 5 days.")]
    [InlineData("Reference 8812903 is on file. Refunds take 5 days.")]
    public void Sentences_with_account_order_card_or_case_numbers_go(string reply) =>
        Assert.Equal("Refunds take 5 days.", Scrub(reply));

    [Theory]
    [InlineData("Ihre Kundennummer 55102 ist gesperrt. Die Rückerstattung dauert 5 Tage.", "de", "Die Rückerstattung dauert 5 Tage.")]
    [InlineData("Votre commande n° 2291 est annulée. Le remboursement prend 5 jours.", "fr", "Le remboursement prend 5 jours.")]
    [InlineData("Su pedido 8812 fue cancelado. El reembolso tarda 5 días.", "es", "El reembolso tarda 5 días.")]
    public void Identifiers_are_found_in_every_drafting_language(string reply, string language, string expected) =>
        Assert.Equal(expected, IdentityScrubber.Scrub(reply, language, [], Rules).Body);

    [Theory]
    [InlineData("The reset link is valid for 60 minutes; at most 5 links per hour.")]
    [InlineData("Since version 10.11.0 the Team plan costs $12.50 per user, billed on 2024-01-05.")]
    [InlineData("See https://help.tasklane.example/articles/123456789 for the steps.")]
    [InlineData("Open your account settings and choose Billing, then Plans.")]
    [InlineData("Exports up to 100,000 rows run at 10:30 every day.")]
    public void Facts_of_the_answer_are_kept(string reply) =>
        Assert.Equal(reply, Scrub(reply));

    [Fact]
    public void A_reply_that_is_only_about_the_old_customer_leaves_nothing()
    {
        var scrubbed = IdentityScrubber.Scrub("Hi Anna,\n\nI refunded order #48213.\n\nBest,\nSam", "en", [], Rules);

        Assert.True(scrubbed.IsEmpty);
        Assert.Equal(1, scrubbed.Removed[IdentityScrubber.Identifier]);
    }

    [Fact]
    public async Task The_embedded_drafter_addresses_only_the_new_customer()
    {
        const string old = "@115712 Hi Anna, sorry for the trouble! I refunded order #48213 to anna.b@gmail.com's card. " +
            "The export moved: open Reports, then Export. Thanks, Anna! ^AB";
        var context = new DraftingContext(
            new ContextTicket("Export gone", "Where is export?", "en", "Maria", "how-to"),
            [new ContextSimilarTicket("TL-1", "Export missing", old, false, 0.8)],
            []);
        var model = new EmbeddedDrafterChatClient(Options.Create(new EmbeddedModelOptions()));

        var response = await model.GetResponseAsync(
            [new ChatMessage(ChatRole.User, DraftingContextFormat.ToUserMessage(context))], cancellationToken: TestContext.Current.CancellationToken);
        var reply = DraftReplyParser.Parse(response.Text);

        Assert.Equal("Hi Maria,\n\nSorry for the trouble! The export moved: open Reports, then Export. Thanks!\n\nBest regards,\nThe support team", reply.Text);
    }

    [Fact]
    public async Task The_embedded_drafter_hands_off_when_nothing_but_the_old_customer_s_details_is_left()
    {
        var context = new DraftingContext(
            new ContextTicket("Refund", "Refund please", "en", "Maria", "billing"),
            [new ContextSimilarTicket("TL-1", "Refund", "Hi Anna, I refunded order #48213. Best, Sam", false, 0.8)],
            []);
        var model = new EmbeddedDrafterChatClient(Options.Create(new EmbeddedModelOptions()));

        var response = await model.GetResponseAsync(
            [new ChatMessage(ChatRole.User, DraftingContextFormat.ToUserMessage(context))], cancellationToken: TestContext.Current.CancellationToken);
        var reply = DraftReplyParser.Parse(response.Text);

        Assert.True(reply.Handoff);
        Assert.DoesNotContain("48213", reply.Text);
        Assert.DoesNotContain("Anna", reply.Text);
    }

    private static string Scrub(string reply) => IdentityScrubber.Scrub(reply, "en", [], Rules).Body;
}

/// <summary>The scrubber over every reply of the demo history: the customer and the agent go, the answer stays.</summary>
public sealed class DemoReplyScrubTests
{
    [Fact]
    public void Demo_replies_lose_their_customer_and_agent_and_keep_their_answer()
    {
        var rules = new PrivacyOptions().WithContextHosts(["help.tasklane.example"]);
        var kept = new List<double>();
        foreach (var line in File.ReadLines(Path.Combine(SupportBot.Hosting.AppHostOptions.FindRepositoryRoot(), "data", "demo", "tickets.jsonl")).Where(l => l.Length > 0))
        {
            var json = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var reply = json.GetProperty("answer").GetString()!;
            var customer = json.TryGetProperty("customer_name", out var name) ? name.GetString() : null;
            var agentLine = reply.Split('\n')[^1];

            var scrubbed = IdentityScrubber.Scrub(reply, json.GetProperty("language").GetString()!, [customer], rules);

            Assert.False(scrubbed.IsEmpty, json.GetProperty("id").GetString());
            if (customer is not null)
            {
                Assert.DoesNotContain(customer, scrubbed.Body);
            }

            Assert.DoesNotContain(agentLine, scrubbed.Body);
            Assert.DoesNotContain("Tasklane Support", scrubbed.Body);
            kept.Add((double)scrubbed.Body.Length / reply.Length);
        }

        // Greeting and signature are a fifth of a short reply; far less kept means answers were cut.
        Assert.True(kept.Average() > 0.7, $"on average {kept.Average():P0} of a reply is kept");
    }
}
