using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SupportBot.Data.Models;

/// <summary>Shadow mode finds recent production drafts every few seconds (the rest of drafts is configured in SupportBotDbContext).</summary>
public sealed class DraftCreatedAtIndex : IEntityTypeConfiguration<Entities.Draft>
{
    public void Configure(EntityTypeBuilder<Entities.Draft> builder) => builder.HasIndex(d => d.CreatedAt);
}
