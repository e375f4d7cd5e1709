using Microsoft.EntityFrameworkCore;
using SupportBot.Data.Entities;

namespace SupportBot.Data;

/// <summary>The system of record. Schema changes go through EF Core migrations in Migrations/.</summary>
public sealed class SupportBotDbContext(DbContextOptions<SupportBotDbContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Role).HasMaxLength(20);
            key.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.HasIndex(k => k.Name).IsUnique();
        });
    }
}
