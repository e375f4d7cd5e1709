using Microsoft.EntityFrameworkCore;
using SupportBot.Data.Entities;

namespace SupportBot.Data;

/// <summary>The system of record. Schema changes go through EF Core migrations in Migrations/.</summary>
public sealed class SupportBotDbContext(DbContextOptions<SupportBotDbContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<HelpArticle> HelpArticles => Set<HelpArticle>();
    public DbSet<HelpArticleVersion> HelpArticleVersions => Set<HelpArticleVersion>();
    public DbSet<PromptVersion> PromptVersions => Set<PromptVersion>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<Trace> Traces => Set<Trace>();
    public DbSet<Observation> Observations => Set<Observation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Role).HasMaxLength(20);
            key.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.HasIndex(k => k.Name).IsUnique();
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.HasKey(c => c.Name);
            category.Property(c => c.Name).HasMaxLength(TextLimits.CategoryName);
            category.Property(c => c.Phase).HasMaxLength(20);
        });

        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.Property(t => t.ExternalId).HasMaxLength(TextLimits.ExternalId);
            ticket.Property(t => t.Source).HasMaxLength(20);
            ticket.Property(t => t.Category).HasMaxLength(TextLimits.CategoryName);
            ticket.Property(t => t.Language).HasMaxLength(TextLimits.Language);
            ticket.Property(t => t.Priority).HasMaxLength(TextLimits.Priority);
            ticket.Property(t => t.ContentHash).HasMaxLength(64);
            ticket.HasIndex(t => t.ExternalId).IsUnique();
            ticket.HasIndex(t => new { t.Source, t.Category });
            ticket.Property(t => t.SearchVector)
                .HasComputedColumnSql(TextSearch.WeightedVectorSql("language", "subject", "body"), stored: true);
            ticket.HasIndex(t => t.SearchVector).HasMethod("GIN");
        });

        modelBuilder.Entity<HelpArticle>(article =>
        {
            article.Property(a => a.Slug).HasMaxLength(200);
            article.Property(a => a.Category).HasMaxLength(TextLimits.CategoryName);
            article.Property(a => a.Language).HasMaxLength(TextLimits.Language);
            article.Property(a => a.ContentHash).HasMaxLength(64);
            article.HasIndex(a => a.Slug).IsUnique();
            article.Property(a => a.SearchVector)
                .HasComputedColumnSql(TextSearch.WeightedVectorSql("language", "title", "body"), stored: true);
            article.HasIndex(a => a.SearchVector).HasMethod("GIN");
        });

        modelBuilder.Entity<HelpArticleVersion>(version =>
        {
            version.HasKey(v => new { v.ArticleId, v.Version });
            version.HasOne<HelpArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PromptVersion>(prompt =>
        {
            prompt.Property(p => p.Name).HasMaxLength(100);
            prompt.Property(p => p.Settings).HasColumnType("jsonb");
            prompt.HasIndex(p => new { p.Name, p.Version }).IsUnique();
        });

        modelBuilder.Entity<Draft>(draft =>
        {
            draft.Property(d => d.TraceId).HasMaxLength(32);
            draft.Property(d => d.Category).HasMaxLength(TextLimits.CategoryName);
            draft.Property(d => d.CategorySource).HasMaxLength(20);
            draft.Property(d => d.PromptName).HasMaxLength(100);
            draft.Property(d => d.Model).HasMaxLength(200);
            draft.Property(d => d.Citations).HasColumnType("jsonb");
            draft.HasIndex(d => d.TicketId);
            draft.HasIndex(d => d.TraceId);
            draft.HasOne<Ticket>().WithMany().HasForeignKey(d => d.TicketId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Trace>(trace =>
        {
            trace.Property(t => t.Id).HasMaxLength(32);
            trace.Property(t => t.Name).HasMaxLength(100);
            trace.Property(t => t.Metadata).HasColumnType("jsonb");
            trace.HasIndex(t => t.TicketId);
            trace.HasIndex(t => t.StartedAt);
        });

        modelBuilder.Entity<Observation>(observation =>
        {
            observation.Property(o => o.TraceId).HasMaxLength(32);
            observation.Property(o => o.SpanId).HasMaxLength(16);
            observation.Property(o => o.Type).HasMaxLength(30);
            observation.Property(o => o.Name).HasMaxLength(100);
            observation.Property(o => o.Input).HasColumnType("jsonb");
            observation.Property(o => o.Output).HasColumnType("jsonb");
            observation.Property(o => o.Metadata).HasColumnType("jsonb");
            observation.HasIndex(o => o.TraceId);
            observation.HasOne<Trace>().WithMany().HasForeignKey(o => o.TraceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
