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
    public DbSet<Score> Scores => Set<Score>();
    public DbSet<ScoreDefinition> ScoreDefinitions => Set<ScoreDefinition>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<DatasetItem> DatasetItems => Set<DatasetItem>();
    public DbSet<DraftOutcome> DraftOutcomes => Set<DraftOutcome>();
    public DbSet<CategorySignalStats> CategorySignalStats => Set<CategorySignalStats>();
    public DbSet<CategoryPhaseChange> CategoryPhaseChanges => Set<CategoryPhaseChange>();

    // Experiments (feature/experiments): runs and their per-item results.
    public DbSet<ExperimentRun> ExperimentRuns => Set<ExperimentRun>();
    public DbSet<ExperimentItemResult> ExperimentItemResults => Set<ExperimentItemResult>();

    // --- Evaluators and dataset proposals (feature/evaluators) ---
    public DbSet<DatasetProposal> DatasetProposals => Set<DatasetProposal>();

    // Phase-1 gate and error analysis: manual review samples, failure modes and the traces tagged with them.
    public DbSet<ExperimentReviewItem> ExperimentReviewItems => Set<ExperimentReviewItem>();
    public DbSet<FailureMode> FailureModes => Set<FailureMode>();
    public DbSet<TraceFailureMode> TraceFailureModes => Set<TraceFailureMode>();
    // Sentence embeddings (feature/semantic), filled by the worker's backfill.
    public DbSet<TicketVector> TicketVectors => Set<TicketVector>();
    public DbSet<ArticleChunkVector> ArticleChunkVectors => Set<ArticleChunkVector>();
    // --- Phase 3 conversations (feature/conversations): conversations, messages, the category pause switch ---
    public DbSet<Conversations.Conversation> Conversations => Set<Conversations.Conversation>();
    public DbSet<Conversations.ConversationMessage> ConversationMessages => Set<Conversations.ConversationMessage>();
    public DbSet<Categories.CategoryPause> CategoryPauses => Set<Categories.CategoryPause>();
    public DbSet<Categories.CategoryPauseChange> CategoryPauseChanges => Set<Categories.CategoryPauseChange>();
    // --- Phase 3 monitors (feature/monitors): checked replies and the follow-up queue ---
    public DbSet<Monitors.CheckedReply> CheckedReplies => Set<Monitors.CheckedReply>();
    public DbSet<Monitors.FollowUp> FollowUps => Set<Monitors.FollowUp>();
    // --- Alerts from Alertmanager (feature/aspire) ---
    public DbSet<Alerts.AlertEvent> AlertEvents => Set<Alerts.AlertEvent>();
    // --- Switching models (feature/models): production model per prompt, its audit, comparisons ---
    public DbSet<Models.ProductionModel> ProductionModels => Set<Models.ProductionModel>();
    public DbSet<Models.ModelChange> ModelChanges => Set<Models.ModelChange>();
    public DbSet<Models.ModelComparison> ModelComparisons => Set<Models.ModelComparison>();
    public DbSet<Models.ShadowDraft> ShadowDrafts => Set<Models.ShadowDraft>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new Alerts.AlertEventConfiguration());
        modelBuilder.ApplyConfiguration(new Models.ProductionModelConfiguration()).ApplyConfiguration(new Models.ModelChangeConfiguration()).ApplyConfiguration(new Models.ModelComparisonConfiguration())
            .ApplyConfiguration(new Models.ExperimentRunModelColumns());
        modelBuilder.ApplyConfiguration(new Models.ShadowDraftConfiguration()).ApplyConfiguration(new Models.DraftCreatedAtIndex());
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

        modelBuilder.Entity<ScoreDefinition>(definition =>
        {
            definition.HasKey(d => d.Name);
            definition.Property(d => d.Name).HasMaxLength(100);
            definition.Property(d => d.DataType).HasMaxLength(20);
        });

        modelBuilder.Entity<Score>(score =>
        {
            score.Property(s => s.TraceId).HasMaxLength(32);
            score.Property(s => s.Name).HasMaxLength(100);
            score.Property(s => s.DataType).HasMaxLength(20);
            score.Property(s => s.StringValue).HasMaxLength(200);
            score.Property(s => s.Source).HasMaxLength(20);
            score.Property(s => s.IdempotencyKey).HasMaxLength(200);
            score.HasIndex(s => s.IdempotencyKey).IsUnique();
            score.HasIndex(s => new { s.TraceId, s.Name });
            score.HasIndex(s => s.ExperimentRunId);
            score.HasOne<Trace>().WithMany().HasForeignKey(s => s.TraceId).OnDelete(DeleteBehavior.Cascade);
            score.HasOne<ScoreDefinition>().WithMany().HasForeignKey(s => s.Name).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Dataset>(dataset =>
        {
            dataset.Property(d => d.Name).HasMaxLength(200);
            dataset.Property(d => d.Category).HasMaxLength(TextLimits.CategoryName);
            dataset.HasIndex(d => d.Name).IsUnique();
        });

        modelBuilder.Entity<DatasetVersion>(version =>
        {
            version.HasKey(v => new { v.DatasetId, v.Version });
            version.HasOne<Dataset>().WithMany().HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DatasetItem>(item =>
        {
            item.Property(i => i.Category).HasMaxLength(TextLimits.CategoryName);
            item.Property(i => i.Language).HasMaxLength(TextLimits.Language);
            item.Property(i => i.ExpectedArticleSlug).HasMaxLength(200);
            item.Property(i => i.SourceTraceId).HasMaxLength(32);
            item.Property(i => i.Metadata).HasColumnType("jsonb");
            item.HasIndex(i => new { i.DatasetId, i.AddedInVersion });
            // One live copy of a ticket or trace per dataset: adding it again is a no-op, not a duplicate.
            item.HasIndex(i => new { i.DatasetId, i.SourceTicketId }).IsUnique().HasFilter("removed_in_version IS NULL AND source_ticket_id IS NOT NULL");
            item.HasIndex(i => new { i.DatasetId, i.SourceTraceId }).IsUnique().HasFilter("removed_in_version IS NULL AND source_trace_id IS NOT NULL");
            item.HasOne<Dataset>().WithMany().HasForeignKey(i => i.DatasetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DraftOutcome>(outcome =>
        {
            outcome.HasKey(o => o.DraftId);
            outcome.Property(o => o.TraceId).HasMaxLength(32);
            outcome.Property(o => o.Category).HasMaxLength(TextLimits.CategoryName);
            outcome.Property(o => o.AgentId).HasMaxLength(100);
            outcome.Property(o => o.EditType).HasMaxLength(20);
            outcome.Property(o => o.ReviewStatus).HasMaxLength(20);
            outcome.Property(o => o.ReviewedBy).HasMaxLength(100);
            outcome.HasIndex(o => new { o.Category, o.SentAt });
            outcome.HasOne<Draft>().WithOne().HasForeignKey<DraftOutcome>(o => o.DraftId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CategorySignalStats>(stats =>
        {
            stats.HasKey(s => new { s.Category, s.Hour });
            stats.Property(s => s.Category).HasMaxLength(TextLimits.CategoryName);
        });

        // --- Phase 2 signals (feature/signals): seeded score definitions and the review-queue index ---
        modelBuilder.Entity<ScoreDefinition>().HasData(SignalScoreDefinitions.All);
        // The review queue and its per-category gauge only ever look at unreviewed outcomes.
        modelBuilder.Entity<DraftOutcome>()
            .HasIndex(o => new { o.Category, o.UpdatedAt })
            .HasDatabaseName("ix_draft_outcomes_unreviewed")
            .HasFilter("review_status IS NULL");
        // Review decisions address an outcome by its trace.
        modelBuilder.Entity<DraftOutcome>().HasIndex(o => o.TraceId);
        // --- end phase 2 signals ---

        modelBuilder.Entity<CategoryPhaseChange>(change =>
        {
            change.Property(c => c.Category).HasMaxLength(TextLimits.CategoryName);
            change.Property(c => c.FromPhase).HasMaxLength(20);
            change.Property(c => c.ToPhase).HasMaxLength(20);
            change.Property(c => c.ChangedBy).HasMaxLength(100);
            change.Property(c => c.GateSnapshot).HasColumnType("jsonb");
            change.HasIndex(c => new { c.Category, c.ChangedAt });
        });

        // Experiments (feature/experiments): runs and their per-item results.
        modelBuilder.Entity<ExperimentRun>(run =>
        {
            run.Property(r => r.Category).HasMaxLength(TextLimits.CategoryName);
            run.Property(r => r.PromptName).HasMaxLength(100);
            run.Property(r => r.PromptLabel).HasMaxLength(100);
            run.Property(r => r.Model).HasMaxLength(200);
            run.Property(r => r.Pool).HasMaxLength(100);
            run.Property(r => r.Status).HasMaxLength(20);
            run.Property(r => r.LeaseOwner).HasMaxLength(200);
            run.Property(r => r.SkippedMetrics).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
            // The claim query: queued runs, and running runs whose lease expired, of one pool.
            run.HasIndex(r => new { r.Pool, r.Status, r.LeaseExpiresAt });
            run.HasOne<Dataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ExperimentItemResult>(result =>
        {
            result.HasKey(r => new { r.RunId, r.ItemId });
            result.Property(r => r.TraceId).HasMaxLength(32);
            result.Property(r => r.Category).HasMaxLength(TextLimits.CategoryName);
            result.Property(r => r.Status).HasMaxLength(20);
            result.HasOne<ExperimentRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Restrict);
            result.HasOne<DatasetItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Restrict);
        });

        OnEvaluatorsModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SupportBotDbContext).Assembly, t => t.Namespace == typeof(Embeddings.TicketVectorConfiguration).Namespace);
        SupportBot.Data.Conversations.ConversationsModel.Apply(modelBuilder);

        // --- Phase 3 monitors (feature/monitors) ---
        modelBuilder.ApplyConfiguration(new Monitors.FollowUpConfiguration()).ApplyConfiguration(new Monitors.CheckedReplyConfiguration());
        modelBuilder.Entity<ScoreDefinition>().HasData(SupportBot.Data.Scores.MonitorScoreDefinitions.All);
    }

    // --- Evaluators and dataset proposals (feature/evaluators): score definitions seeded, proposals stored ---
    private static void OnEvaluatorsModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ScoreDefinition>().HasData(SupportBot.Data.Scores.EvaluatorScoreDefinitions.All);
        modelBuilder.ApplyConfiguration(new Reviews.ExperimentReviewItemConfiguration())
            .ApplyConfiguration(new Reviews.FailureModeConfiguration())
            .ApplyConfiguration(new Reviews.TraceFailureModeConfiguration())
            .ApplyConfiguration(new Reviews.ReviewScoreDefinitionsSeed());

        modelBuilder.Entity<DatasetProposal>(proposal =>
        {
            proposal.Property(p => p.Name).HasMaxLength(200);
            proposal.Property(p => p.Category).HasMaxLength(TextLimits.CategoryName);
            proposal.Property(p => p.NamedBy).HasMaxLength(20);
            proposal.HasIndex(p => p.BatchId);
            proposal.HasOne<Dataset>().WithMany().HasForeignKey(p => p.AcceptedDatasetId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
