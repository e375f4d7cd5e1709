namespace SupportBot.Hosting.Resources;

/// <summary>
/// A command-line tool of this repository (e.g. `supportbot simulate`), run from its build output
/// like Aspire's executable resources: ready as soon as it started, no port, no health check.
/// Its arguments are computed at start, so they can name services started before it.
/// </summary>
public sealed class ToolResource(string name, string projectName, string assemblyName, Func<IEnumerable<string>> arguments) : ProcessResource(name)
{
    private readonly Dictionary<string, Func<string?>> _environment = [];

    public ToolResource WithEnvironment(string key, Func<string?> value)
    {
        _environment[key] = value;
        return this;
    }

    public string AssemblyPath => Path.Combine(
        Context.Options.RepositoryRoot, "src", projectName, "bin", Context.Options.BuildConfiguration, "net10.0", assemblyName + ".dll");

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new FileNotFoundException(
                $"{projectName} is not built ({AssemblyPath} is missing): run `dotnet build SupportBot.sln -c {Context.Options.BuildConfiguration}`.");
        }

        var environment = _environment.ToDictionary(e => e.Key, e => e.Value());
        Launch("dotnet", [AssemblyPath, .. arguments()], environment, Context.Options.RepositoryRoot);
        MarkRunning();
        return Task.CompletedTask;
    }
}
