namespace SupportBot.Hosting.Resources;

/// <summary>
/// A database or cache given by connection string in configuration, like Aspire's
/// AddConnectionString: services get the string, nothing is started.
/// </summary>
public sealed class ExternalResource(string name, string connectionName, string connectionString)
    : Resource(name), IResourceWithConnectionString
{
    public string ConnectionName { get; } = connectionName;
    public string ConnectionString { get; } = connectionString;

    public override string Url => "(from configuration: ConnectionStrings__" + ConnectionName + ")";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        State = ResourceState.External;
        Log($"using the connection string from configuration (ConnectionStrings:{ConnectionName}); not starting a server");
        return Task.CompletedTask;
    }

    public override Task StopAsync() => Task.CompletedTask;
}
