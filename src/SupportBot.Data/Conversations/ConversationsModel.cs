using Microsoft.EntityFrameworkCore;
using SupportBot.Data.Categories;

namespace SupportBot.Data.Conversations;

/// <summary>Phase 3's part of the model, applied by <see cref="SupportBotDbContext"/> in one line.</summary>
public static class ConversationsModel
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ConversationConfiguration());
        modelBuilder.ApplyConfiguration(new ConversationMessageConfiguration());
        modelBuilder.ApplyConfiguration(new CategoryPauseConfiguration());
        modelBuilder.ApplyConfiguration(new CategoryPauseChangeConfiguration());
        modelBuilder.Entity<Entities.ScoreDefinition>().HasData(ConversationScoreDefinitions.All);
        // Multi-turn dataset items (bad conversations added from the review queue) keep the turns before the answer.
        modelBuilder.Entity<Entities.DatasetItem>().Property(i => i.Context).HasColumnType("jsonb");
    }
}
