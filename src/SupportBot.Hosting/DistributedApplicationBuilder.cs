using SupportBot.Hosting.Resources;

namespace SupportBot.Hosting;

/// <summary>
/// Declares the resources of a stack, in the shape of Aspire's IDistributedApplicationBuilder,
/// so the AppHost reads like an Aspire AppHost and tests start the same model.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly AppHostContext _context;

    public DistributedApplicationBuilder(AppHostOptions options)
    {
        Options = options;
        State = new StateDirectory(options.StateDirectory);
        _context = new AppHostContext(options, State, new PortAllocator(options.PreferFixedPorts));
    }

    public AppHostOptions Options { get; }
    public StateDirectory State { get; }

    /// <summary>A Postgres server with one database, or the database given as ConnectionStrings:{database}.</summary>
    public IResourceWithConnectionString AddPostgres(string name, string database, int preferredPort) =>
        (IResourceWithConnectionString?)External(name, database) ?? Add(new PostgresResource(name, database, preferredPort));

    /// <summary>A Redis server, or the one given as ConnectionStrings:{name}.</summary>
    public IResourceWithConnectionString AddRedis(string name, int preferredPort) =>
        (IResourceWithConnectionString?)External(name, name) ?? Add(new RedisResource(name, preferredPort));

    public ProjectResource AddProject(string name, string projectName, int preferredPort) =>
        Add(new ProjectResource(name, projectName, preferredPort));

    /// <summary>A tool of this repository run with <paramref name="arguments"/>, computed when it starts.</summary>
    public ToolResource AddTool(string name, string projectName, string assemblyName, Func<IEnumerable<string>> arguments) =>
        Add(new ToolResource(name, projectName, assemblyName, arguments));

    public PrometheusResource AddPrometheus(string name, int preferredPort) => Add(new PrometheusResource(name, preferredPort));

    public GrafanaResource AddGrafana(string name, int preferredPort, PrometheusResource prometheus) =>
        Add(new GrafanaResource(name, preferredPort, prometheus)).WaitFor(prometheus);

    public DistributedApplication Build() => new(_resources, State);

    private ExternalResource? External(string name, string connectionName) =>
        Options.Configuration.GetSection("ConnectionStrings")[connectionName] is { Length: > 0 } connectionString
            ? Add(new ExternalResource(name, connectionName, connectionString))
            : null;

    private T Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        resource.Attach(_context);
        _resources.Add(resource);
        return resource;
    }
}

public static class ResourceBuilderExtensions
{
    /// <summary>Starts <paramref name="resource"/> only after <paramref name="dependency"/> reports ready.</summary>
    public static T WaitFor<T>(this T resource, object dependency) where T : Resource
    {
        resource.Dependencies.Add((Resource)dependency);
        return resource;
    }
}
