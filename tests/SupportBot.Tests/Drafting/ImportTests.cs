using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.Import;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>The import pipeline (readers, validation, batched upsert) against the stack's real Postgres.</summary>
public sealed class ImportTests(StackFixture stack) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ImportFiles _files = new();
    private readonly List<Stream> _streams = [];
    private readonly StoredTickets _stored = new(stack.Postgres.ConnectionString);
    private string P => _files.Prefix;

    [Fact]
    public async Task Csv_with_the_usual_export_headers_imports_every_field()
    {
        var path = _files.WriteLines(
            "export.csv",
            "Ticket ID,Title,Description,Resolution,Queue,Tags,Lang,Priority,Created At,Closed At,Handoff,Requester",
            $"{P}-1,Refund for order 1042,\"I was charged twice.\nPlease refund one of them.\",Refunded the duplicate charge.,{P}-billing,refund;duplicate|card,de,High,2024-03-01T09:30:00Z,2024-03-02 10:00:00,yes,Ada Lovelace",
            $"{P}-2,Password reset,The reset link has expired,Sent a new link.,{P}-account,,,,1709280000,,0,");

        var summary = await ImportAsync(Csv(path));

        Assert.Equal(new ImportSummary(2, 0, 0, 0, 0, []), summary with { Errors = [] });
        Assert.Empty(summary.Errors);
        var refund = await _stored.SingleAsync($"{P}-1");
        Assert.Equal("historical", refund.Source);
        Assert.Equal("Refund for order 1042", refund.Subject);
        Assert.Equal("I was charged twice.\nPlease refund one of them.", refund.Body);
        Assert.Equal("Refunded the duplicate charge.", refund.SentReply);
        Assert.Equal($"{P}-billing", refund.Category);
        Assert.Equal(["refund", "duplicate", "card"], refund.Tags);
        Assert.Equal("de", refund.Language);
        Assert.Equal("high", refund.Priority);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero), refund.CreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 10, 0, 0, TimeSpan.Zero), refund.ResolvedAt);
        Assert.True(refund.Escalated);
        Assert.Equal("Ada Lovelace", refund.CustomerName);
        Assert.True(refund.Searchable);
        Assert.Equal(64, refund.ContentHash.Length);

        var reset = await _stored.SingleAsync($"{P}-2");
        Assert.Equal("en", reset.Language);
        Assert.Empty(reset.Tags);
        Assert.Null(reset.Priority);
        Assert.Null(reset.ResolvedAt);
        Assert.Null(reset.CustomerName);
        Assert.False(reset.Escalated);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1709280000), reset.CreatedAt);

        Assert.Equal("offline", await _stored.CategoryPhaseAsync($"{P}-billing"));
        Assert.Equal("offline", await _stored.CategoryPhaseAsync($"{P}-account"));
    }

    [Fact]
    public async Task Jsonl_in_the_demo_data_shape_imports_every_field()
    {
        var path = _files.WriteLines(
            "tickets.jsonl",
            $$"""{"id":"{{P}}-1","subject":"App crashes on start","body":"Since the update the app closes right away.","answer":"Fixed in 2.3.1, please update.","category":"{{P}}-bugs","language":"en","tags":["crash","ios"],"priority":"urgent","created":"2024-05-01T08:00:00Z","resolved":"2024-05-01T12:00:00Z","escalated":true,"customer_name":"Grace Hopper"}""",
            $$"""{"id":4711{{P.Length}},"subject":"Numeric id","body":"Ids may come as numbers.","escalated":false,"tags":[]}""");

        var summary = await ImportAsync(Jsonl(path));

        Assert.Equal(2, summary.Imported);
        Assert.Equal(0, summary.Skipped);
        var crash = await _stored.SingleAsync($"{P}-1");
        Assert.Equal(
            ("App crashes on start", "Since the update the app closes right away.", "Fixed in 2.3.1, please update.", $"{P}-bugs", "urgent", "Grace Hopper"),
            (crash.Subject, crash.Body, crash.SentReply, crash.Category, crash.Priority, crash.CustomerName));
        Assert.Equal(["crash", "ios"], crash.Tags);
        Assert.True(crash.Escalated);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), crash.ResolvedAt);
        Assert.Equal("Numeric id", (await _stored.SingleAsync($"4711{P.Length}")).Subject);
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        var path = _files.WriteLines(
            "tickets.csv",
            "id,subject,body,answer",
            $"{P}-1,First,Body one,Answer one",
            $"{P}-2,Second,Body two,Answer two",
            $"{P}-3,Third,Body three,Answer three");
        await ImportAsync(Csv(path));
        var before = await _stored.WithIdPrefixAsync(P);

        var again = await ImportAsync(Csv(path));

        Assert.Equal(new ImportSummary(0, 0, 3, 0, 0, []), again with { Errors = [] });
        var after = await _stored.WithIdPrefixAsync(P);
        Assert.Equal(3, after.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_changed_answer_updates_the_ticket_instead_of_adding_one()
    {
        var original = _files.WriteLines("v1.csv", "id,subject,body,answer", $"{P}-1,First,Body one,Old answer", $"{P}-2,Second,Body two,Answer two");
        var changed = _files.WriteLines("v2.csv", "id,subject,body,answer", $"{P}-1,First,Body one,New answer", $"{P}-2,Second,Body two,Answer two");
        await ImportAsync(Csv(original));
        var before = await _stored.SingleAsync($"{P}-1");

        var summary = await ImportAsync(Csv(changed));

        Assert.Equal((0L, 1L, 1L), (summary.Imported, summary.Updated, summary.Unchanged));
        Assert.Equal(2, (await _stored.WithIdPrefixAsync(P)).Count);
        var after = await _stored.SingleAsync($"{P}-1");
        Assert.Equal("New answer", after.SentReply);
        Assert.NotEqual(before.ContentHash, after.ContentHash);
        Assert.True(after.UpdatedAt > before.UpdatedAt);
    }

    [Fact]
    public async Task Rows_without_an_id_are_matched_on_a_hash_of_subject_and_body()
    {
        var path = _files.WriteLines(
            "no-ids.jsonl",
            $$"""{"subject":"{{P}} printer","body":"The printer jams.","answer":"Clean the roller."}""",
            $$"""{"subject":"{{P}} scanner","body":"The scanner is slow.","answer":"Lower the resolution."}""");
        var changed = _files.WriteLines(
            "no-ids-changed.jsonl",
            $$"""{"subject":"{{P}} printer","body":"The printer jams.","answer":"Replace the roller."}""",
            $$"""{"subject":"{{P}} scanner","body":"The scanner is slow.","answer":"Lower the resolution."}""");

        var first = await ImportAsync(Jsonl(path));
        var second = await ImportAsync(Jsonl(path));
        var third = await ImportAsync(Jsonl(changed));

        Assert.Equal((2L, 0L, 0L), (first.Imported, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (second.Imported, second.Updated, second.Unchanged));
        Assert.Equal((0L, 1L, 1L), (third.Imported, third.Updated, third.Unchanged));
        var stored = await _stored.WithSubjectPrefixAsync(P);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, t => Assert.Matches("^sha256:[0-9a-f]{64}$", t.ExternalId));
        Assert.Equal("Replace the roller.", stored.Single(t => t.Subject.EndsWith("printer", StringComparison.Ordinal)).SentReply);
    }

    [Fact]
    public async Task Bad_csv_rows_are_skipped_with_their_line_numbers_and_the_rows_around_them_import()
    {
        var text = string.Join("\n",
            "id,subject,body,answer,category",                                   // 1
            $"{P}-01,Login fails,I cannot log in,Reset your password,account",   // 2
            $"{P}-02,No body,,An answer without a question,account",             // 3 missing body
            $"{P}-03,Multi line,\"First line of the body",                       // 4 a quoted body over two lines
            "second line\",Answer three,billing",                                // 5
            $"{P}-04,Broken \"quote,Body four,Answer four,billing",              // 6 stray quote
            $"{P}-05,Fine again,Body five,Answer five,billing",                  // 7
            $"{P}-06,Huge,{new string('x', 70_000)},Answer six,billing",         // 8 body over 64 KiB
            $"{P}-07,Bad bytes,Body with {{BAD}} bytes,Answer seven,billing",    // 9 invalid UTF-8
            $"{P}-08,Fine eight,Body eight,Answer eight,billing",                // 10
            $"{P}-09,Unclosed,\"This quote never closes,Answer nine,billing",    // 11 unclosed quote: swallows the rest
            $"{P}-10,After the unclosed quote,Body ten,Answer ten,billing",      // 12
            $"{P}-11,Last,Body eleven,Answer eleven,billing") + "\n";            // 13
        var path = _files.WriteBytes("bad-rows.csv", ImportFiles.WithInvalidUtf8(text));

        var summary = await ImportAsync(Csv(path));

        Assert.Equal([3L, 6L, 8L, 9L, 11L], summary.Errors.Select(e => e.Line));
        Assert.Equal("missing body", summary.Errors[0].Reason);
        Assert.Contains("quot", summary.Errors[1].Reason);
        Assert.Contains("body is longer than 65,536 characters", summary.Errors[2].Reason);
        Assert.Equal("invalid UTF-8", summary.Errors[3].Reason);
        Assert.Contains("never closed", summary.Errors[4].Reason);
        Assert.Equal((6L, 5L), (summary.Imported, summary.Skipped));
        var stored = await _stored.WithIdPrefixAsync(P);
        Assert.Equal([$"{P}-01", $"{P}-03", $"{P}-05", $"{P}-08", $"{P}-10", $"{P}-11"], stored.Select(t => t.ExternalId));
        Assert.Equal("First line of the body\nsecond line", stored[1].Body);
    }

    [Fact]
    public async Task An_unclosed_quote_in_a_big_file_does_not_swallow_the_rows_after_it()
    {
        // No quote follows the bad one, so CsvHelper reads on until the record passes the row size limit.
        var filler = string.Join(" ", Enumerable.Repeat("The export goes on and on without a single quote in it.", 16));
        var lines = new List<string> { "id,subject,body", $"{P}-00000,Good,Before the bad row", $"{P}-bad,Unclosed,\"never closed" };
        lines.AddRange(Enumerable.Range(1, 5_000).Select(i => $"{P}-{i:00000},Row {i},{filler}"));
        var path = _files.WriteLines("runaway.csv", [.. lines]);
        Assert.True(new FileInfo(path).Length > ImportLimits.MaxRowBytes);

        var summary = await ImportAsync(Csv(path));

        var error = Assert.Single(summary.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("larger than 4 MiB", error.Reason);
        Assert.Equal(5_001, summary.Imported);
        Assert.Equal(5_001, (await _stored.WithIdPrefixAsync(P)).Count);
    }

    [Fact]
    public async Task Windows_line_endings_and_semicolons_read_like_any_other_export()
    {
        var csv = _files.Write("excel.csv", string.Join("\r\n",
            "id;subject;body;answer",                                   // 1
            $"{P}-1;Multi;\"Line one\r\nline two\";Answer one",         // 2-3
            $"{P}-2;Unclosed;\"never closed;Answer two",                 // 4 swallows the rest
            $"{P}-3;After;Body three;Answer three",                     // 5
            "",                                                         // 6 empty
            $"{P}-4;Last;Body four;Answer four") + "\r\n");             // 7
        var jsonl = _files.Write("windows.jsonl", string.Join("\r\n",
            $$"""{"id":"{{P}}-j1","body":"Body j1"}""",
            $$"""{"id":"{{P}}-j2"}""",
            $$"""{"id":"{{P}}-j3","body":"Body j3"}""") + "\r\n");

        var fromCsv = await ImportAsync(Csv(csv));
        var fromJsonl = await ImportAsync(Jsonl(jsonl));

        Assert.Equal([4L], fromCsv.Errors.Select(e => e.Line));
        Assert.Equal(3, fromCsv.Imported);
        Assert.Equal([2L], fromJsonl.Errors.Select(e => e.Line));
        Assert.Equal(2, fromJsonl.Imported);
        var stored = await _stored.WithIdPrefixAsync(P);
        Assert.Equal([$"{P}-1", $"{P}-3", $"{P}-4", $"{P}-j1", $"{P}-j3"], stored.Select(t => t.ExternalId));
        Assert.Equal("Answer one", stored[0].SentReply);
        Assert.Equal("Body j3", stored[4].Body);
    }

    [Fact]
    public async Task Bad_jsonl_lines_are_skipped_with_their_line_numbers()
    {
        var text = string.Join("\n",
            $$"""{"id":"{{P}}-1","subject":"A","body":"Body one"}""",                         // 1
            $$"""{"id":"{{P}}-2","subject":"B","body":"Body two" """,                         // 2 truncated JSON
            $$"""{"id":"{{P}}-3","subject":"C","answer":"An answer to nothing"}""",           // 3 missing body
            $$"""{"id":"{{P}}-4","subject":"D","body":"Bad {BAD} bytes"}""",                  // 4 invalid UTF-8
            "",                                                                               // 5 blank: ignored
            $$"""{"id":"{{P}}-6","body":"Body six","created":"last tuesday"}""",              // 6 not a date
            $$"""{"id":"{{P}}-7","body":["not","text"]}""",                                   // 7 wrong type
            $$"""["an","array"]""",                                                           // 8 not an object
            $$"""{"id":"{{P}}-9","body":"Body nine","escalated":"maybe"}""",                  // 9 not a boolean
            $$"""{"id":"{{P}}-10","subject":"J","body":"Body ten","tags":["a","b"]}""") + "\n"; // 10
        var path = _files.WriteBytes("bad-lines.jsonl", ImportFiles.WithInvalidUtf8(text));

        var summary = await ImportAsync(Jsonl(path));

        Assert.Equal(
            [
                (2L, "invalid JSON"), (3L, "missing body"), (4L, "invalid UTF-8"), (6L, "created date 'last tuesday' is not a date"),
                (7L, "body must be text, not an array"), (8L, "not a JSON object but an array"), (9L, "escalated 'maybe'"),
            ],
            summary.Errors.Select(e => (e.Line, e.Reason[..Math.Min(e.Reason.Length, ReasonPrefixLength(e.Line))])));
        Assert.Equal((2L, 7L), (summary.Imported, summary.Skipped));
        Assert.Equal([$"{P}-1", $"{P}-10"], (await _stored.WithIdPrefixAsync(P)).Select(t => t.ExternalId));
    }

    [Fact]
    public async Task Oversized_fields_name_the_field_and_its_limit()
    {
        var path = _files.WriteLines(
            "oversized.jsonl",
            $$"""{"id":"{{P}}-1","subject":"{{new string('s', 1_001)}}","body":"Fine"}""",
            $$"""{"id":"{{P}}-2","body":"Fine","answer":"{{new string('a', 65_537)}}"}""",
            $$"""{"id":"{{P}}-3","body":"Fine","category":"{{new string('c', 61)}}"}""",
            $$"""{"id":"{{P}}-4","body":"Fine","tags":["{{new string('t', 101)}}"]}""",
            $$"""{"id":"{{P}}-5","body":"Fine","id_is_ignored":"{{new string('x', 100_000)}}"}""");

        var summary = await ImportAsync(Jsonl(path));

        Assert.Equal(
            [
                (1L, "subject is longer than 1,000 characters (1,001)"),
                (2L, "answer is longer than 65,536 characters (65,537)"),
                (3L, "category is longer than 60 characters (61)"),
                (4L, "a tag is longer than 100 characters (101)"),
            ],
            summary.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Equal(1, summary.Imported);
    }

    [Fact]
    public async Task A_repeated_id_in_one_batch_keeps_the_last_row_and_counts_it_once()
    {
        var path = _files.WriteLines(
            "repeats.jsonl",
            $$"""{"id":"{{P}}-1","body":"Same ticket","answer":"First answer"}""",
            $$"""{"id":"{{P}}-2","body":"Other ticket"}""",
            $$"""{"id":"{{P}}-1","body":"Same ticket","answer":"Corrected answer"}""");

        var summary = await ImportAsync(Jsonl(path));

        Assert.Equal((2L, 1L, 3L), (summary.Imported, summary.Duplicates, summary.RowsRead));
        Assert.Equal("Corrected answer", (await _stored.SingleAsync($"{P}-1")).SentReply);
    }

    [Fact]
    public async Task Map_overrides_read_fields_from_columns_the_aliases_miss()
    {
        var path = _files.WriteLines(
            "custom.csv",
            "Ref,Question,Agent Reply,Type,Message",
            $"{P}-1,How do I export?,Use the export button.,howto,internal note that is not the body");

        var mapping = TicketFieldMapping.Parse(["id=Ref", "body=Question", "answer=Agent Reply", "subject=message"]);
        var summary = await ImportAsync(Csv(path, mapping));

        Assert.Equal(1, summary.Imported);
        var ticket = await _stored.SingleAsync($"{P}-1");
        Assert.Equal(
            ("How do I export?", "Use the export button.", "internal note that is not the body", "howto"),
            (ticket.Body, ticket.SentReply, ticket.Subject, ticket.Category));
    }

    [Fact]
    public async Task Progress_reports_rows_and_bytes_up_to_the_whole_file()
    {
        var path = _files.WriteLines("progress.jsonl", [.. Enumerable.Range(1, 5).Select(i => $$"""{"id":"{{P}}-{{i}}","body":"Body {{i}}"}""")]);
        var reports = new List<ImportProgress>();

        var summary = await ImportAsync(Jsonl(path), batchSize: 2, new Collect(reports));

        Assert.Equal(5, summary.Imported);
        Assert.True(reports.Count >= 3, $"expected a report per batch and a final one, got {reports.Count}");
        var last = reports[^1];
        Assert.Equal((5L, 5L, new FileInfo(path).Length, new FileInfo(path).Length), (last.RowsRead, last.Imported, last.BytesRead, last.TotalBytes ?? -1));
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.RowsRead <= pair.Second.RowsRead));
    }

    [Fact]
    public async Task A_file_without_a_body_column_is_refused_before_anything_is_written()
    {
        var path = _files.WriteLines("no-body.csv", "id,subject,answer", $"{P}-1,Subject,Answer");

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(Csv(path)));

        Assert.Contains("no body column", error.Message);
        Assert.Empty(await _stored.WithIdPrefixAsync(P));
    }

    public void Dispose()
    {
        _streams.ForEach(s => s.Dispose());
        _files.Dispose();
    }

    private static int ReasonPrefixLength(long line) => line switch
    {
        2 => "invalid JSON".Length,
        9 => "escalated 'maybe'".Length,
        _ => int.MaxValue,
    };

    private CsvTicketReader Csv(string path, TicketFieldMapping? mapping = null) => new(Open(path), mapping ?? TicketFieldMapping.Default);

    private JsonlTicketReader Jsonl(string path) => new(Open(path), TicketFieldMapping.Default);

    private FileStream Open(string path)
    {
        var stream = File.OpenRead(path);
        _streams.Add(stream);
        return stream;
    }

    private async Task<ImportSummary> ImportAsync(ITicketSource source, int batchSize = TicketImporter.DefaultBatchSize, IProgress<ImportProgress>? progress = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        return await new TicketImporter(dataSource, TimeProvider.System).ImportAsync(source, batchSize, progress, Ct);
    }

    private sealed class Collect(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
