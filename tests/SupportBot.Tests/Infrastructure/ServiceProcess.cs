using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SupportBot.Contracts;
using SupportBot.Hosting;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// One more real service process (API or worker) from its build output, on the fixture's Postgres
/// and Redis, with the test's own environment, the way the AppHost passes it (ConnectionStrings__*,
/// ASPNETCORE_URLS). Ready when /health answers 200. Dispose stops it with SIGTERM and waits.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }
    public int Pid => _process.Id;
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<ServiceProcess> StartAsync(
        StackFixture stack, string projectName, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppHostOptions.FindRepositoryRoot(), "src", projectName, "bin", AppHostOptions.BuildConfiguration, "net10.0", projectName + ".dll");
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment[$"ConnectionStrings__{ConnectionNames.Database}"] = stack.Postgres.ConnectionString;
        info.Environment[$"ConnectionStrings__{ConnectionNames.Cache}"] = stack.Redis.ConnectionString;
        info.Environment["services__api__http__0"] = stack.Api.Url;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(process, url);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilHealthyAsync(cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer while it warms up.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Url}/health did not answer 200 within 2 minutes:\n{Output}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
