using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SupportBot.Data.Models;

public sealed class ProductionModelConfiguration : IEntityTypeConfiguration<ProductionModel>
{
    public void Configure(EntityTypeBuilder<ProductionModel> builder)
    {
        builder.ToTable("production_models");
        builder.HasKey(p => p.PromptName);
        builder.Property(p => p.PromptName).HasMaxLength(100);
        builder.Property(p => p.Model).HasMaxLength(100);
        builder.Property(p => p.ChangedBy).HasMaxLength(100);
    }
}

public sealed class ModelChangeConfiguration : IEntityTypeConfiguration<ModelChange>
{
    public void Configure(EntityTypeBuilder<ModelChange> builder)
    {
        builder.ToTable("model_changes");
        builder.Property(c => c.PromptName).HasMaxLength(100);
        builder.Property(c => c.FromModel).HasMaxLength(100);
        builder.Property(c => c.ToModel).HasMaxLength(100);
        builder.Property(c => c.ChangedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.PromptName, c.ChangedAt });
        builder.HasOne<ModelComparison>().WithMany().HasForeignKey(c => c.ComparisonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ModelComparisonConfiguration : IEntityTypeConfiguration<ModelComparison>
{
    public void Configure(EntityTypeBuilder<ModelComparison> builder)
    {
        builder.ToTable("model_comparisons");
        builder.Property(c => c.PromptName).HasMaxLength(100);
        builder.Property(c => c.BaselineModel).HasMaxLength(100);
        builder.Property(c => c.CandidateModel).HasMaxLength(100);
        builder.Property(c => c.Scope).HasMaxLength(20);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.Property(c => c.Runs).HasColumnType("jsonb");
        builder.Property(c => c.Margins).HasColumnType("jsonb");
        builder.Property(c => c.Report).HasColumnType("jsonb");
        // The switch looks up passing comparisons of one prompt and candidate, newest first.
        builder.HasIndex(c => new { c.PromptName, c.CandidateModel, c.CreatedAt });
    }
}

/// <summary>The run's named model configuration (the rest of experiment_runs is configured in SupportBotDbContext).</summary>
public sealed class ExperimentRunModelColumns : IEntityTypeConfiguration<Entities.ExperimentRun>
{
    public void Configure(EntityTypeBuilder<Entities.ExperimentRun> builder) => builder.Property(r => r.ModelConfiguration).HasMaxLength(100);
}
