using Npgsql;
using SupportBot.Cli;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>`supportbot import tickets`, invoked in-process against the stack's Postgres.</summary>
public sealed class ImportCliTests(StackFixture stack) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ImportFiles _files = new();
    private readonly StoredTickets _stored = new(stack.Postgres.ConnectionString);
    private string P => _files.Prefix;

    [Fact]
    public async Task Import_prints_the_summary_and_the_skipped_rows_with_their_lines()
    {
        var path = _files.WriteLines(
            "tickets.csv",
            "id,subject,body,answer",
            $"{P}-1,First,Body one,Answer one",
            $"{P}-2,No body,,Answer two",
            $"{P}-3,Third,Body three,Answer three");

        var (exitCode, output, error) = await RunAsync("import", "tickets", path, "--database", stack.Postgres.ConnectionString);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Matches(@"(?m)^imported\s+2$", output);
        Assert.Matches(@"(?m)^skipped\s+1$", output);
        Assert.Contains("line 3: missing body", output);
        Assert.Equal(2, (await _stored.WithIdPrefixAsync(P)).Count);

        var (again, secondOutput, _) = await RunAsync("import", "tickets", path, "--database", stack.Postgres.ConnectionString);
        Assert.Equal(0, again);
        Assert.Matches(@"(?m)^imported\s+0$", secondOutput);
        Assert.Matches(@"(?m)^unchanged\s+2$", secondOutput);
    }

    [Fact]
    public async Task Map_options_and_an_explicit_format_read_an_unusual_export()
    {
        var path = _files.WriteLines(
            "export.txt",
            "Case Number,Customer Question,Agent Reply",
            $"{P}-1,Where is my parcel?,It ships tomorrow.");

        var (exitCode, output, error) = await RunAsync(
            "import", "tickets", path, "--format", "csv", "--map", "id=Case Number", "--map", "body=Customer Question", "--map", "answer=Agent Reply",
            "--database", stack.Postgres.ConnectionString);

        Assert.True(exitCode == 0, error);
        Assert.Matches(@"(?m)^imported\s+1$", output);
        var ticket = await _stored.SingleAsync($"{P}-1");
        Assert.Equal(("Where is my parcel?", "It ships tomorrow."), (ticket.Body, ticket.SentReply));
    }

    [Fact]
    public async Task A_jsonl_file_imports_in_batches()
    {
        var path = _files.WriteLines("tickets.jsonl", [.. Enumerable.Range(1, 7).Select(i => $$"""{"id":"{{P}}-{{i}}","body":"Body {{i}}"}""")]);

        var (exitCode, output, _) = await RunAsync("import", "tickets", path, "--batch-size", "3", "--database", stack.Postgres.ConnectionString);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"(?m)^imported\s+7$", output);
        Assert.Equal(7, (await _stored.WithIdPrefixAsync(P)).Count);
    }

    [Theory]
    [InlineData("missing-file", "no such file: ")]
    [InlineData("unknown-extension", "cannot tell the format of notes.txt from its extension: pass --format csv or --format jsonl")]
    [InlineData("unknown-format", "unknown format 'xml': use --format csv or --format jsonl")]
    [InlineData("map-without-equals", "--map 'bodyQuestion': expected FIELD=COLUMN, e.g. --map body=Question")]
    [InlineData("map-unknown-field", "--map 'mood=Sentiment': unknown field 'mood' (one of: id, subject, body, answer, category, tags, language, priority, created, resolved, escalated, customer_name)")]
    [InlineData("map-unknown-column", "tickets.csv: --map body=Question: the header has no column 'Question' (it has: id, subject, body)")]
    [InlineData("no-body-column", "no-body.csv: no body column: the header needs one of body, description, question, message, or pass --map body=COLUMN (it has: id, subject)")]
    [InlineData("bad-batch-size", "--batch-size must be between 1 and 50,000")]
    public async Task Bad_input_is_a_one_line_error_with_exit_1_and_nothing_imported(string scenario, string message)
    {
        var csv = _files.WriteLines("tickets.csv", "id,subject,body", $"{P}-1,Subject,Body");
        string[] args = scenario switch
        {
            "missing-file" => ["import", "tickets", csv + ".missing"],
            "unknown-extension" => ["import", "tickets", _files.WriteLines("notes.txt", "id,body", $"{P}-1,Body")],
            "unknown-format" => ["import", "tickets", csv, "--format", "xml"],
            "map-without-equals" => ["import", "tickets", csv, "--map", "bodyQuestion"],
            "map-unknown-field" => ["import", "tickets", csv, "--map", "mood=Sentiment"],
            "map-unknown-column" => ["import", "tickets", csv, "--map", "body=Question"],
            "no-body-column" => ["import", "tickets", _files.WriteLines("no-body.csv", "id,subject", $"{P}-1,Subject")],
            "bad-batch-size" => ["import", "tickets", csv, "--batch-size", "0"],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var (exitCode, _, error) = await RunAsync([.. args, "--database", stack.Postgres.ConnectionString]);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.True(line.StartsWith("supportbot: " + message, StringComparison.Ordinal), line);
        Assert.Empty(await _stored.WithIdPrefixAsync(P));
    }

    [Fact]
    public async Task An_unreachable_database_is_a_one_line_error_with_exit_2()
    {
        var csv = _files.WriteLines("tickets.csv", "id,body", $"{P}-1,Body");

        var (exitCode, _, error) = await RunAsync("import", "tickets", csv, "--database", "Host=127.0.0.1;Port=1;Username=x;Password=secret-pw;Database=none;Timeout=2");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("supportbot: cannot reach the database at 127.0.0.1:1/none", line);
        Assert.DoesNotContain("secret-pw", error);
    }

    [Fact]
    public async Task A_database_without_the_schema_says_to_migrate_with_exit_2()
    {
        var empty = await stack.CreateDatabaseAsync("import");
        var csv = _files.WriteLines("tickets.csv", "id,body", $"{P}-1,Body");

        var (exitCode, _, error) = await RunAsync("import", "tickets", csv, "--database", empty);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("run `supportbot db migrate`", line);
    }

    public void Dispose() => _files.Dispose();

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(args, output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
