using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SupportBot.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting a service. It never connects:
/// the connection string only tells the provider which server version to target.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SupportBotDbContext>
{
    public SupportBotDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SupportBotDbContext>()
            .UseNpgsql("Host=localhost;Database=supportdb");
        options.UseSupportBotConventions();
        return new SupportBotDbContext(options.Options);
    }
}
