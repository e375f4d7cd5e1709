using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SupportBot.Data.Alerts;

public sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> builder)
    {
        builder.ToTable("alert_events");
        builder.Property(a => a.Fingerprint).HasMaxLength(64);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.AlertName).HasMaxLength(200);
        builder.Property(a => a.Labels).HasColumnType("jsonb");
        builder.Property(a => a.Annotations).HasColumnType("jsonb");
        builder.Property(a => a.GeneratorUrl).HasMaxLength(2000);
        // Alertmanager re-sends a group every repeat interval: the same event must not be stored twice.
        builder.HasIndex(a => new { a.Fingerprint, a.Status, a.StartsAt }).IsUnique();
        builder.HasIndex(a => a.ReceivedAt);
        builder.HasIndex(a => a.AlertName);
        builder.HasIndex(a => a.Labels).HasMethod("GIN");
    }
}
