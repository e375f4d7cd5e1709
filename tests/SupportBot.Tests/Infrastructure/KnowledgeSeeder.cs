using Npgsql;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Writes a few historical tickets and help articles straight into the fixture's database, each
/// carrying made-up words unique to the test, so retrieval assertions cannot be disturbed by the
/// demo data or by what other tests (running in parallel) add. Queries should include <see cref="Words"/>.
/// </summary>
public sealed class KnowledgeSeeder(StackFixture stack)
{
    public string Marker { get; } = "zq" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Three made-up words: enough shared rare terms to outweigh ordinary vocabulary overlap.</summary>
    public string Words => $"{Marker} {Marker}x {Marker}y";

    public async Task<Guid> TicketAsync(string category, string subject, string body, string reply, bool escalated = false, string language = "en")
    {
        var id = Guid.CreateVersion7();
        await stack.ExecuteAsync(
            """
            INSERT INTO categories (name, phase, created_at) VALUES ($1, 'offline', now()) ON CONFLICT DO NOTHING;
            """, category);
        await stack.ExecuteAsync(
            """
            INSERT INTO tickets (id, external_id, source, category, subject, body, language, created_at, sent_reply, escalated, tags, content_hash, updated_at)
            VALUES ($1, $2, 'historical', $3, $4, $5, $6, now(), $7, $8, '{}', 'test', now())
            """,
            id, $"{Marker}-{id:N}", category, $"{subject} {Marker}", $"{body} {Words}", language, reply, escalated);
        return id;
    }

    public async Task ArticleAsync(string slug, string category, string title, string body)
    {
        await stack.ExecuteAsync(
            """
            INSERT INTO help_articles (id, slug, title, body, url, category, language, version, content_hash, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'en', 1, 'test', now())
            """,
            Guid.CreateVersion7(), $"{slug}-{Marker}", $"{title} {Marker}", $"{body} {Words}", ArticleUrl(slug), category);
    }

    public string ArticleUrl(string slug) => $"https://help.example.test/articles/{slug}-{Marker}";
}
