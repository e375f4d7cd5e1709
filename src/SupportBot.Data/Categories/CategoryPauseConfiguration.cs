using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SupportBot.Data.Entities;

namespace SupportBot.Data.Categories;

public sealed class CategoryPauseConfiguration : IEntityTypeConfiguration<CategoryPause>
{
    public void Configure(EntityTypeBuilder<CategoryPause> builder)
    {
        builder.HasKey(p => p.Category);
        builder.Property(p => p.Category).HasMaxLength(TextLimits.CategoryName);
        builder.Property(p => p.Reason).HasMaxLength(CategoryPauseService.MaxReasonLength);
        builder.Property(p => p.PausedBy).HasMaxLength(100);
        builder.Property(p => p.Source).HasMaxLength(20);
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.Category).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CategoryPauseChangeConfiguration : IEntityTypeConfiguration<CategoryPauseChange>
{
    public void Configure(EntityTypeBuilder<CategoryPauseChange> builder)
    {
        builder.Property(c => c.Category).HasMaxLength(TextLimits.CategoryName);
        builder.Property(c => c.Action).HasMaxLength(10);
        builder.Property(c => c.Reason).HasMaxLength(CategoryPauseService.MaxReasonLength);
        builder.Property(c => c.Actor).HasMaxLength(100);
        builder.Property(c => c.Source).HasMaxLength(20);
        builder.HasIndex(c => new { c.Category, c.ChangedAt });
    }
}
