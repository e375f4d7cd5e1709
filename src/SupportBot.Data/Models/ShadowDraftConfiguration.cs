using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SupportBot.Data.Models;

public sealed class ShadowDraftConfiguration : IEntityTypeConfiguration<ShadowDraft>
{
    public void Configure(EntityTypeBuilder<ShadowDraft> builder)
    {
        builder.ToTable("shadow_drafts");
        builder.Property(s => s.Candidate).HasMaxLength(100);
        builder.Property(s => s.Category).HasMaxLength(100);
        builder.Property(s => s.ShadowCategory).HasMaxLength(100);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.Property(s => s.Error).HasMaxLength(200);
        builder.Property(s => s.PromptName).HasMaxLength(100);
        builder.Property(s => s.Model).HasMaxLength(200);
        builder.Property(s => s.TraceId).HasMaxLength(32);
        // Exactly once per ticket and candidate: a repeated attempt (two workers, a restart) inserts nothing.
        builder.HasIndex(s => new { s.TicketId, s.Candidate }).IsUnique();
        builder.HasIndex(s => s.ProductionDraftId);
        // The scorer's poll: drafted, not yet scored.
        builder.HasIndex(s => s.ProductionDraftId, "ix_shadow_drafts_unscored").HasDatabaseName("ix_shadow_drafts_unscored").HasFilter("scored_at IS NULL AND status = 'drafted'");
        builder.HasIndex(s => new { s.Candidate, s.Category });
        builder.HasOne<Entities.Ticket>().WithMany().HasForeignKey(s => s.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Entities.Draft>().WithMany().HasForeignKey(s => s.ProductionDraftId).OnDelete(DeleteBehavior.Cascade);
    }
}
