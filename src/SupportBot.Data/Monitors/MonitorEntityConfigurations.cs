using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SupportBot.Data.Monitors;

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        var followUp = builder;
        followUp.Property(f => f.ConversationKey).HasMaxLength(100);
        followUp.Property(f => f.TraceId).HasMaxLength(32);
        followUp.Property(f => f.Category).HasMaxLength(TextLimits.CategoryName);
        followUp.Property(f => f.Status).HasMaxLength(20);
        followUp.Property(f => f.TakenBy).HasMaxLength(100);
        followUp.Property(f => f.ResolvedBy).HasMaxLength(100);
        followUp.Property(f => f.Outcome).HasMaxLength(40);
        // One open entry per conversation: the worker's upsert targets this index.
        followUp.HasIndex(f => f.ConversationKey).IsUnique().HasFilter("status <> 'resolved'").HasDatabaseName("ix_follow_ups_open_conversation");
        // The queue: open entries by severity, then age.
        followUp.HasIndex(f => new { f.Status, f.SeverityRank, f.FirstFlaggedAt });
    }
}

public sealed class CheckedReplyConfiguration : IEntityTypeConfiguration<CheckedReply>
{
    public void Configure(EntityTypeBuilder<CheckedReply> builder)
    {
        var reply = builder;
        reply.HasKey(r => r.ReplyId);
        reply.Property(r => r.TraceId).HasMaxLength(32);
        reply.Property(r => r.Source).HasMaxLength(20);
        reply.Property(r => r.Category).HasMaxLength(TextLimits.CategoryName);
        reply.Property(r => r.ConversationKey).HasMaxLength(100);
        reply.Property(r => r.Flags).HasColumnType("jsonb");
        reply.HasIndex(r => r.TraceId);
        reply.HasIndex(r => r.ConversationKey);
    }
}
