using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SupportBot.Benchmarks;

/// <summary>
/// Deterministic, varied, realistic-looking resolved tickets (80-150 word questions, 40-90 word
/// replies, a tenth in German), written as the JSONL and CSV exports an import would be given.
/// </summary>
public static class SyntheticTickets
{
    private sealed record Topic(string Category, string[] Subjects, string[] Problems, string[] Fixes);

    private static readonly Topic[] English =
    [
        new("billing",
            ["Charged twice this month", "Refund for the annual plan", "Invoice shows the wrong VAT number", "Card declined on renewal", "Downgrade did not lower the price"],
            ["I was charged twice for the same subscription period and the second charge is still pending on my card.",
             "Our invoice lists an old VAT number even though we updated the billing details two weeks ago.",
             "The renewal failed because the card was declined, but the bank says no payment attempt reached them.",
             "We moved from the Business plan to the Team plan and the next invoice still shows the old amount.",
             "I would like a refund for the unused months of the annual plan since we are closing the project."],
            ["I have refunded the duplicate charge; it can take five to ten business days to appear on your statement.",
             "I corrected the VAT number on your account and issued a new invoice, which you can download from the billing page.",
             "The payment provider rejected the card for a 3-D Secure check; retrying from the billing page with the card app open will work.",
             "The downgrade takes effect at the end of the current period, so the lower price starts with the next invoice.",
             "I have processed a prorated refund for the remaining months and closed the subscription at the end of today."]),
        new("account-access",
            ["Cannot log in after password reset", "Two-factor codes not accepted", "Locked out of my account", "SSO login loops back to the start", "Invite link expired"],
            ["After resetting my password the login page keeps telling me the password is wrong.",
             "The six-digit codes from my authenticator app are rejected every single time I try to sign in.",
             "My account got locked after a few failed attempts and the unlock email never arrives.",
             "When I log in through our company single sign-on I end up on the start page again without being signed in.",
             "A colleague invited me but the link in the email says it has expired already."],
            ["Reset links are valid for sixty minutes and only once; I sent a fresh link that you can use right away.",
             "The clock on your phone was a few minutes off, which makes the codes invalid; turning on automatic time fixes it.",
             "I unlocked the account manually; the unlock emails were caught by your spam filter, so please allowlist our domain.",
             "Your identity provider sends an outdated certificate; once your admin uploads the new one the loop stops.",
             "Invite links expire after seven days, so I resent the invitation to the same address."]),
        new("bugs",
            ["App crashes on start", "Export to CSV is empty", "Notifications arrive twice", "Dark mode makes text unreadable", "Search returns no results"],
            ["Since the latest update the mobile app closes immediately after the splash screen.",
             "When I export the project to CSV the file only contains the header row and no tasks.",
             "Every notification arrives twice on my phone and on the desktop at the same time.",
             "In dark mode the task descriptions are dark grey on black and impossible to read.",
             "The search box returns nothing even for task names that I can see on the board right now."],
            ["This was a bug in version 4.2.0 that is fixed in 4.2.1, which is rolling out in the app stores today.",
             "Exports skipped archived lists; the fix is live, so exporting again now includes every task.",
             "You had both the legacy and the new notification channel enabled; I switched off the legacy one.",
             "Our designers fixed the contrast in the last release; please update and the text will be readable again.",
             "The search index for your workspace was stale; I rebuilt it and results appear again."]),
        new("how-to",
            ["How do I export my data", "Moving tasks between projects", "Setting up recurring tasks", "Adding a guest user", "Changing the workspace owner"],
            ["Could you explain how I can export all of our data before our yearly audit?",
             "Is there a way to move a whole list of tasks from one project to another without copying them by hand?",
             "I want a task that repeats every first Monday of the month, but I cannot find the option anywhere.",
             "We work with an external agency and want them to see one project but nothing else.",
             "Our previous owner left the company and we need to make someone else the workspace owner."],
            ["A workspace admin can export everything under Settings, Data, Export; the archive arrives by email within an hour.",
             "Select the tasks, open the menu with the three dots and choose Move to project; comments and files move along.",
             "Open the task, click the due date and pick Repeat, then Custom, where monthly on the first Monday is an option.",
             "Invite them as guests from the project's Share menu; guests only see the projects they are invited to.",
             "Any admin can request an ownership transfer under Settings, Members; we confirm it by email within a day."]),
    ];

    private static readonly Topic[] German =
    [
        new("account-access",
            ["Passwort vergessen", "Anmeldung nicht möglich", "Zwei-Faktor-Code ungültig"],
            ["Ich habe mein Passwort vergessen und der Link aus der E-Mail funktioniert nicht mehr.",
             "Seit gestern kann ich mich nicht mehr anmelden, obwohl das Passwort stimmt.",
             "Die Codes aus meiner Authenticator-App werden jedes Mal abgelehnt."],
            ["Der Link zum Zurücksetzen ist nur sechzig Minuten gültig; ich habe Ihnen einen neuen Link geschickt.",
             "Ihr Konto war nach mehreren Fehlversuchen gesperrt; ich habe es wieder freigeschaltet.",
             "Die Uhrzeit auf Ihrem Telefon wich ab; mit automatischer Zeit funktionieren die Codes wieder."]),
        new("billing",
            ["Doppelte Abbuchung", "Rechnung mit falscher Adresse"],
            ["Mir wurde das Abonnement in diesem Monat zweimal abgebucht.",
             "Auf der Rechnung steht noch unsere alte Firmenadresse."],
            ["Ich habe die doppelte Zahlung erstattet; die Gutschrift erscheint in fünf bis zehn Werktagen.",
             "Ich habe die Adresse korrigiert und Ihnen eine neue Rechnung ausgestellt."]),
    ];

    private static readonly string[] EnglishContext =
    [
        "We are on the Business plan with about {0} seats.", "This started {1} and happens every time.", "I am using the Android app, version 4.{0}.",
        "My colleagues on the same team do not see the problem.", "I already tried logging out and back in, and clearing the browser cache.",
        "It is quite urgent because our quarterly review is next week.", "The order number is {2} if that helps.",
        "I attached a screenshot of the error message to this ticket.", "We have been customers for {0} months and never had this before.",
        "Could you please look into it as soon as possible?", "The same thing happens in Firefox and in Chrome.",
        "Our admin checked the settings and everything looks normal to her.", "Thanks in advance for your help, this is blocking the whole team.",
        "I also noticed that the page loads slowly since {1}.", "Please let me know if you need more details from our side.",
    ];

    private static readonly string[] GermanContext =
    [
        "Wir nutzen den Business-Tarif mit etwa {0} Plätzen.", "Das Problem besteht seit {1}.", "Die Bestellnummer lautet {2}.",
        "Meine Kollegen haben das Problem nicht.", "Ich habe mich bereits ab- und wieder angemeldet.", "Vielen Dank im Voraus für Ihre Hilfe.",
        "Es ist dringend, weil nächste Woche unsere Quartalsbesprechung ist.", "Bitte melden Sie sich, wenn Sie weitere Angaben brauchen.",
    ];

    private static readonly string[] Since = ["yesterday", "this morning", "last Monday", "the last update", "two days ago"];
    private static readonly string[] SeitWann = ["gestern", "heute Morgen", "letztem Montag", "dem letzten Update"];
    private static readonly string[] Names = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Ken", "Frances", "Dennis", "Radia", "Jonas", "Anna"];
    private static readonly string[] Agents = ["Sam", "Priya", "Jonas", "Mei"];
    private static readonly string[] Tags = ["refund", "invoice", "login", "2fa", "sso", "mobile", "android", "ios", "export", "search", "notifications", "ui", "urgent", "vip"];
    private static readonly string[] Priorities = ["low", "normal", "normal", "normal", "high", "urgent"];

    public sealed record Ticket(
        string Id, string Subject, string Body, string Answer, string Category, string Language, string[] Tags, string Priority,
        DateTimeOffset Created, DateTimeOffset Resolved, bool Escalated, string CustomerName);

    public static IEnumerable<Ticket> Generate(int count, int seed = 20_261_124)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= count; i++)
        {
            var german = random.Next(10) == 0;
            var topics = german ? German : English;
            var topic = topics[random.Next(topics.Length)];
            var problem = random.Next(topic.Problems.Length);
            var name = Names[random.Next(Names.Length)];
            var created = start.AddMinutes(random.Next(2 * 365 * 24 * 60));
            yield return new Ticket(
                $"BENCH-{i:000000}",
                topic.Subjects[random.Next(topic.Subjects.Length)],
                Body(random, topic.Problems[problem], german ? GermanContext : EnglishContext, german, name, random.Next(80, 151)),
                Answer(random, topic, problem, german, name),
                topic.Category,
                german ? "de" : "en",
                [.. Enumerable.Range(0, random.Next(4)).Select(_ => Tags[random.Next(Tags.Length)]).Distinct()],
                Priorities[random.Next(Priorities.Length)],
                created,
                created.AddMinutes(random.Next(20, 72 * 60)),
                random.Next(100) < 8,
                name);
        }
    }

    /// <summary>
    /// The JSONL file of <paramref name="count"/> generated tickets, written once under /tmp and reused:
    /// generation is deterministic, and writing 100k tickets would otherwise start every benchmark run.
    /// </summary>
    public static string CachedJsonl(int count) => Cached($"tickets-{count}.jsonl", path => WriteJsonl(path, Generate(count)));

    /// <summary>The CSV twin of <see cref="CachedJsonl"/>.</summary>
    public static string CachedCsv(int count) => Cached($"tickets-{count}.csv", path => WriteCsv(path, Generate(count)));

    private static string Cached(string fileName, Action<string> write)
    {
        var directory = Path.Combine(Path.GetTempPath(), "supportbot-bench", "data");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            write(path);
        }

        return path;
    }

    public static void WriteJsonl(string path, IEnumerable<Ticket> tickets)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var t in tickets)
        {
            json.WriteStartObject();
            json.WriteString("id", t.Id);
            json.WriteString("subject", t.Subject);
            json.WriteString("body", t.Body);
            json.WriteString("answer", t.Answer);
            json.WriteString("category", t.Category);
            json.WriteString("language", t.Language);
            json.WriteStartArray("tags");
            foreach (var tag in t.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("priority", t.Priority);
            json.WriteString("created", t.Created);
            json.WriteString("resolved", t.Resolved);
            json.WriteBoolean("escalated", t.Escalated);
            json.WriteString("customer_name", t.CustomerName);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    /// <summary>The usual helpdesk CSV shape: other header names than the JSONL, multi-line quoted replies.</summary>
    public static void WriteCsv(string path, IEnumerable<Ticket> tickets)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("ticket_id,subject,description,resolution,queue,tags,language,priority,created_at,closed_at,escalated,requester\n");
        foreach (var t in tickets)
        {
            string[] fields =
            [
                t.Id, t.Subject, t.Body, t.Answer, t.Category, string.Join(';', t.Tags), t.Language, t.Priority,
                t.Created.ToString("O", CultureInfo.InvariantCulture), t.Resolved.ToString("O", CultureInfo.InvariantCulture), t.Escalated ? "true" : "false", t.CustomerName,
            ];
            writer.Write(string.Join(',', fields.Select(Quote)));
            writer.Write('\n');
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().ContainsAny(",\"\r\n") ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Body(Random random, string problem, string[] context, bool german, string name, int words)
    {
        var text = new StringBuilder(german ? "Hallo, " : "Hi, ").Append(problem);
        while (WordCount(text) < words)
        {
            var sentence = context[random.Next(context.Length)];
            text.Append(' ').AppendFormat(CultureInfo.InvariantCulture, sentence, random.Next(2, 60), (german ? SeitWann : Since)[random.Next(german ? SeitWann.Length : Since.Length)], $"A-{random.Next(100_000, 999_999)}");
        }

        return text.Append(german ? $" Viele Grüße, {name}" : $" Best, {name}").ToString();
    }

    private static string Answer(Random random, Topic topic, int problem, bool german, string name)
    {
        var agent = Agents[random.Next(Agents.Length)];
        var text = new StringBuilder(german ? $"Hallo {name},\n\n" : $"Hi {name},\n\n").Append(topic.Fixes[problem]);
        var extra = topic.Fixes[random.Next(topic.Fixes.Length)];
        if (extra != topic.Fixes[problem] && random.Next(2) == 0)
        {
            text.Append(german ? " Außerdem: " : " Also: ").Append(extra);
        }

        text.Append(german
            ? "\n\nWenn noch etwas unklar ist, antworten Sie einfach auf diese E-Mail."
            : "\n\nIf anything is still unclear, just reply to this email and we will pick it up right away.");
        return text.Append(german ? $"\n\nViele Grüße\n{agent} vom Support" : $"\n\nBest,\n{agent} from Support").ToString();
    }

    private static int WordCount(StringBuilder text)
    {
        var count = 0;
        var inWord = false;
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                var letter = !char.IsWhiteSpace(c);
                count += letter && !inWord ? 1 : 0;
                inWord = letter;
            }
        }

        return count;
    }
}
