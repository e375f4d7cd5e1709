using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SupportBot.Data.Entities;
using SupportBot.Data.Scores;

namespace SupportBot.Data.Reviews;

internal sealed class ExperimentReviewItemConfiguration : IEntityTypeConfiguration<ExperimentReviewItem>
{
    public void Configure(EntityTypeBuilder<ExperimentReviewItem> item)
    {
        item.HasKey(i => new { i.RunId, i.ItemId });
        item.Property(i => i.Category).HasMaxLength(TextLimits.CategoryName);
        item.Property(i => i.FailureMode).HasMaxLength(TextLimits.FailureModeName);
        item.Property(i => i.ReviewedBy).HasMaxLength(200);
        item.HasIndex(i => new { i.RunId, i.Category, i.Position });
    }
}

internal sealed class FailureModeConfiguration : IEntityTypeConfiguration<FailureMode>
{
    public void Configure(EntityTypeBuilder<FailureMode> mode)
    {
        mode.HasKey(m => m.Name);
        mode.Property(m => m.Name).HasMaxLength(TextLimits.FailureModeName);
        mode.Property(m => m.Description).HasMaxLength(2_000);
        mode.Property(m => m.CreatedBy).HasMaxLength(200);
    }
}

internal sealed class TraceFailureModeConfiguration : IEntityTypeConfiguration<TraceFailureMode>
{
    public void Configure(EntityTypeBuilder<TraceFailureMode> tagged)
    {
        tagged.Property(t => t.FailureMode).HasMaxLength(TextLimits.FailureModeName);
        tagged.Property(t => t.Category).HasMaxLength(TextLimits.CategoryName);
        tagged.Property(t => t.Source).HasMaxLength(40);
        tagged.Property(t => t.Reviewer).HasMaxLength(200);
        tagged.HasIndex(t => new { t.TraceId, t.FailureMode }).IsUnique();
        tagged.HasIndex(t => new { t.FailureMode, t.Category, t.CreatedAt });
        tagged.HasOne<FailureMode>().WithMany().HasForeignKey(t => t.FailureMode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewScoreDefinitionsSeed : IEntityTypeConfiguration<ScoreDefinition>
{
    public void Configure(EntityTypeBuilder<ScoreDefinition> definition) => definition.HasData(ReviewScoreDefinitions.All);
}
