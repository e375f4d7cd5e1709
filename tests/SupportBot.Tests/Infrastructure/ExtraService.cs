using Microsoft.Extensions.Configuration;
using SupportBot.Contracts;
using SupportBot.Hosting;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Starts one more real service process (API or worker) through the launcher, on the fixture's
/// Postgres and Redis (external resources, not started again), with the test's own environment.
/// </summary>
public static class ExtraService
{
    public static async Task<DistributedApplication> StartAsync(
        StackFixture stack, string resourceName, string projectName, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var builder = new DistributedApplicationBuilder(new AppHostOptions
        {
            StateDirectory = TestState.NewDirectory(resourceName),
            PreferFixedPorts = false,
            DurableStorage = false,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{ConnectionNames.Database}"] = stack.Postgres.ConnectionString,
                [$"ConnectionStrings:{ConnectionNames.Cache}"] = stack.Redis.ConnectionString,
            }).Build(),
        });
        var database = builder.AddPostgres("postgres", ConnectionNames.Database, 0);
        var cache = builder.AddRedis(ConnectionNames.Cache, 0);
        var service = builder.AddProject(resourceName, projectName, 0).WithReference(database).WithReference(cache);
        foreach (var (key, value) in environment)
        {
            service.WithEnvironment(key, value);
        }

        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            TestState.Delete(app.StateDirectory);
            throw;
        }

        return app;
    }

    public static async ValueTask StopAsync(DistributedApplication app)
    {
        await app.DisposeAsync();
        TestState.Delete(app.StateDirectory);
    }
}
