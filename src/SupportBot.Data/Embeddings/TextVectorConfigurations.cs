using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SupportBot.Data.Entities;

namespace SupportBot.Data.Embeddings;

public sealed class TicketVectorConfiguration : IEntityTypeConfiguration<TicketVector>
{
    public void Configure(EntityTypeBuilder<TicketVector> builder)
    {
        builder.HasKey(v => new { v.TicketId, v.Kind, v.ModelId });
        builder.Property(v => v.Kind).HasMaxLength(20);
        builder.Property(v => v.ModelId).HasMaxLength(200);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        // Loading one model's vectors in ticket order is what retrieval does at start.
        builder.HasIndex(v => new { v.ModelId, v.Kind });
        builder.HasOne<Ticket>().WithMany().HasForeignKey(v => v.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticleChunkVectorConfiguration : IEntityTypeConfiguration<ArticleChunkVector>
{
    public void Configure(EntityTypeBuilder<ArticleChunkVector> builder)
    {
        builder.HasKey(v => new { v.ArticleId, v.ModelId, v.Chunk });
        builder.Property(v => v.ModelId).HasMaxLength(200);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.HasOne<HelpArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
