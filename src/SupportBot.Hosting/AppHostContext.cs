namespace SupportBot.Hosting;

/// <summary>What every resource of one stack shares.</summary>
internal sealed class AppHostContext(AppHostOptions options, StateDirectory state, PortAllocator ports)
{
    public AppHostOptions Options { get; } = options;
    public StateDirectory State { get; } = state;
    public PortAllocator Ports { get; } = ports;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };
}
