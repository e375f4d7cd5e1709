namespace SupportBot.Hosting.Resources;

/// <summary>
/// A .NET service of this repository, run from its build output with Aspire's conventions:
/// ASPNETCORE_URLS, ConnectionStrings__*, services__*, OTEL_*. Ready when /health answers 200.
/// </summary>
public sealed class ProjectResource(string name, string projectName, int preferredPort) : ProcessResource(name), IResourceWithHttpEndpoint
{
    private readonly List<IResourceWithConnectionString> _connections = [];
    private readonly List<IResourceWithHttpEndpoint> _services = [];
    private readonly Dictionary<string, Func<string?>> _environment = [];

    public int Port { get; private set; }
    public override string Url => $"http://127.0.0.1:{Port}";
    public string ProjectName => projectName;

    public ProjectResource WithReference(IResourceWithConnectionString resource)
    {
        _connections.Add(resource);
        return this;
    }

    public ProjectResource WithReference(IResourceWithHttpEndpoint service)
    {
        _services.Add(service);
        return this;
    }

    public ProjectResource WithEnvironment(string key, string? value) => WithEnvironment(key, () => value);

    public ProjectResource WithEnvironment(string key, Func<string?> value)
    {
        _environment[key] = value;
        return this;
    }

    /// <summary>Reserves the port early, so resources that point at this one (Prometheus) know it before it starts.</summary>
    internal void AllocatePort() => Port = Port == 0 ? Context.Ports.Allocate(preferredPort) : Port;

    public string AssemblyPath => Path.Combine(
        Context.Options.RepositoryRoot, "src", projectName, "bin", Context.Options.BuildConfiguration, "net10.0", projectName + ".dll");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        AllocatePort();
        if (!File.Exists(AssemblyPath))
        {
            throw new FileNotFoundException(
                $"{projectName} is not built ({AssemblyPath} is missing): run `dotnet build SupportBot.sln -c {Context.Options.BuildConfiguration}`.");
        }

        Launch("dotnet", [AssemblyPath], BuildEnvironment(), Path.Combine(Context.Options.RepositoryRoot, "src", projectName));
        var health = $"{Url}/health";
        await Readiness.WaitAsync(Name, ct => Readiness.HttpOkAsync(Context.Http, health, ct), ExitReason, TimeSpan.FromSeconds(90), cancellationToken);
        MarkRunning();
    }

    private Dictionary<string, string?> BuildEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = Url,
            ["ASPNETCORE_ENVIRONMENT"] = Context.Options.Environment,
            ["DOTNET_ENVIRONMENT"] = Context.Options.Environment,
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{Port}",
            // One line per log entry, so the AppHost's "[name] " prefix reads well.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
        };

        foreach (var passThrough in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS" })
        {
            if (Context.Options.Configuration[passThrough] is { Length: > 0 } value)
            {
                environment[passThrough] = value;
            }
        }

        foreach (var connection in _connections)
        {
            environment[$"ConnectionStrings__{connection.ConnectionName}"] = connection.ConnectionString;
        }

        foreach (var service in _services)
        {
            environment[$"services__{service.Name}__http__0"] = service.HttpUrl;
        }

        foreach (var (key, value) in _environment)
        {
            environment[key] = value();
        }

        return environment;
    }
}
