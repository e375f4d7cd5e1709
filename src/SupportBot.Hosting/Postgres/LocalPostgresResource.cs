using Aspire.Hosting.ApplicationModel;

namespace SupportBot.Hosting.Postgres;

/// <summary>
/// A private PostgreSQL cluster run by DCP as an executable (no container runtime here), holding
/// one application database. Its connection string names that database.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string databaseName, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    private EndpointReference? _endpoint;

    public string DatabaseName { get; } = databaseName;
    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password};Database={DatabaseName}");
}
