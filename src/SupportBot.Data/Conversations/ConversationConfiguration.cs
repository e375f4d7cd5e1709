using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SupportBot.Data.Conversations;

public sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Channel).HasMaxLength(100);
        builder.Property(c => c.CustomerExternalId).HasMaxLength(TextLimits.ExternalId);
        builder.Property(c => c.CustomerName).HasMaxLength(TextLimits.PersonName);
        builder.Property(c => c.Language).HasMaxLength(TextLimits.Language);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.Category).HasMaxLength(TextLimits.CategoryName);
        builder.Property(c => c.HandoffReason).HasMaxLength(500);
        builder.Property(c => c.LastBotTraceId).HasMaxLength(32);
        builder.Property(c => c.ReviewStatus).HasMaxLength(20);
        builder.Property(c => c.ReviewNote).HasMaxLength(TextLimits.Comment);
        builder.Property(c => c.ReviewedBy).HasMaxLength(100);
        // Resolution rates scan a window of conversations per category.
        builder.HasIndex(c => new { c.Category, c.CreatedAt });
        builder.HasIndex(c => new { c.Channel, c.CustomerExternalId });
        // The abandon sweep only ever looks at conversations waiting for the customer.
        builder.HasIndex(c => c.AwaitingCustomerSince).HasFilter("awaiting_customer_since IS NOT NULL");
        builder.HasIndex(c => c.TicketId).HasFilter("ticket_id IS NOT NULL");
    }
}

public sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.Property(m => m.Role).HasMaxLength(20);
        builder.Property(m => m.TraceId).HasMaxLength(32);
        builder.Property(m => m.Author).HasMaxLength(100);
        builder.Property(m => m.Citations).HasColumnType("jsonb");
        builder.Property(m => m.HandoffReason).HasMaxLength(500);
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        builder.HasIndex(m => m.TraceId).HasFilter("trace_id IS NOT NULL");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
