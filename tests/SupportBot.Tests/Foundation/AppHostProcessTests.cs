using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportBot.Contracts;
using SupportBot.Hosting;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>The AppHost executable itself, run through DCP: signals, restarts, a second AppHost, missing binaries.</summary>
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_stops_cleanly_data_survives_a_restart_and_sigkill_leaves_no_orphan()
    {
        using var ownStack = await OwnStacks.EnterAsync(TestContext.Current.CancellationToken);
        var state = TestState.NewDirectory("apphost");
        try
        {
            var keyName = "survivor-" + Guid.NewGuid().ToString("N")[..8];
            await using (var host = AppHostProcess.Start(state))
            {
                await host.WaitUntilReadyAsync(StartTimeout);
                using (var admin = AdminClient(state))
                {
                    using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest(keyName, Roles.Agent), Ct);
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                }

                // A normal fresh start logs no error: no failing migrations-history probe, no connection
                // attempt before Postgres accepts them, no service error.
                var errors = ErrorLines(state);
                Assert.True(errors.Count == 0, string.Join('\n', errors));

                var commandLines = ProcessTree.CommandLinesContaining(state);
                Assert.Contains(commandLines, c => c.Contains("postgres -D", StringComparison.Ordinal));
                Assert.Contains(commandLines, c => c.Contains("prometheus", StringComparison.Ordinal));
                Assert.Contains(commandLines, c => c.Contains("alertmanager", StringComparison.Ordinal));
                Assert.Equal(Environment.UserName == "root" ? "postgres" : Environment.UserName, PostmasterUser(state));

                // A second AppHost on the same folder, even with --fresh, is refused and changes nothing.
                var before = Snapshot(state);
                await using (var second = AppHostProcess.Start(state, null, "--fresh"))
                {
                    Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                    Assert.Contains($"Another AppHost (pid {host.Pid})", second.Output);
                }

                Assert.Equal(before, Snapshot(state));

                host.SendSigterm();
                Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }

            await AssertNothingLeftAsync(state);
            Assert.Equal("shut down", ClusterState(state));

            await using (var restarted = AppHostProcess.Start(state))
            {
                await restarted.WaitUntilReadyAsync(StartTimeout);
                using (var admin = AdminClient(state))
                {
                    var keys = await admin.GetFromJsonAsync<List<ApiKeySummary>>("/api/admin/api-keys", Ct);
                    Assert.Contains(keys!, k => k.Name == keyName);
                }

                // DCP watches the AppHost: when it dies, DCP stops every resource (Postgres with a fast shutdown).
                restarted.SendSigkill();
                await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            await AssertNothingLeftAsync(state);
            Assert.Equal("shut down", ClusterState(state));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public async Task A_missing_binary_is_a_one_line_error_naming_the_debian_package()
    {
        var state = TestState.NewDirectory("missing");
        var bin = Path.Combine(state, "bin");
        Directory.CreateDirectory(bin);
        // Everything the stack needs except redis-server (Postgres is found in /usr/lib/postgresql).
        foreach (var tool in new[] { "dotnet", "bash", "setpriv", "prometheus", "prometheus-alertmanager" })
        {
            var target = Binaries.Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed");
            File.CreateSymbolicLink(Path.Combine(bin, tool), target);
        }

        try
        {
            await using var host = AppHostProcess.Start(state, new Dictionary<string, string> { ["PATH"] = bin });
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(1, exitCode);
            var error = Assert.Single(host.Output.Split('\n'), line => line.Contains("not found", StringComparison.Ordinal));
            Assert.Equal("apphost: redis-server not found on PATH; install it with: apt-get install -y --no-install-recommends redis-server", error.Trim());
            Assert.Empty(ProcessTree.CommandLinesContaining(state));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    /// <summary>DCP stops resources after the AppHost exits; give it a moment, then nothing of the stack may run.</summary>
    private static async Task AssertNothingLeftAsync(string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (ProcessTree.CommandLinesContaining(state).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, Ct);
        }

        Assert.Empty(ProcessTree.CommandLinesContaining(state));
        Assert.DoesNotContain("postmaster.pid", Directory.GetFiles(Path.Combine(state, "postgres", "data")).Select(Path.GetFileName));
    }

    /// <summary>Error-level lines in the resources' console logs: the services' fail/crit, Postgres's ERROR/FATAL/PANIC.</summary>
    private static List<string> ErrorLines(string state)
    {
        var severity = new Regex(@"\b(fail|crit):|\b(ERROR|FATAL|PANIC):", RegexOptions.CultureInvariant);
        var ansi = new Regex(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant);
        return [.. Directory.GetFiles(Path.Combine(state, "logs"), "*.log")
            .SelectMany(file => File.ReadLines(file).Select(line => $"{Path.GetFileName(file)}: {ansi.Replace(line, "")}"))
            .Where(line => severity.IsMatch(line))];
    }

    private static string ClusterState(string state)
    {
        var controlData = Directory.GetDirectories("/usr/lib/postgresql").Order(StringComparer.Ordinal).Last() + "/bin/pg_controldata";
        var info = new ProcessStartInfo(controlData) { ArgumentList = { Path.Combine(state, "postgres", "data") }, RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n').Single(l => l.StartsWith("Database cluster state:", StringComparison.Ordinal))["Database cluster state:".Length..].Trim();
    }

    private static string PostmasterUser(string state)
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(state, "postgres", "data", "postmaster.pid")).First());
        var uid = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];
        var entry = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).First(f => f[2] == uid);
        return entry[0];
    }

    /// <summary>
    /// Every file of the stack's folder (the data directories aside) with its content hash; for
    /// resources.json, which the running stack itself rewrites, each resource's state.
    /// </summary>
    private static Dictionary<string, string> Snapshot(string state) =>
        // apphost.lock is held open by the running AppHost (that is the lock): compared by presence only.
        Directory.GetFiles(state).ToDictionary(
            f => Path.GetFileName(f),
            f => Path.GetFileName(f) == "apphost.lock" ? "held"
                : Path.GetFileName(f) == "resources.json"
                ? string.Join(",", JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray()
                    .Select(r => $"{r.GetProperty("name").GetString()}={r.GetProperty("state").GetString()}"))
                : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private static HttpClient AdminClient(string state)
    {
        var apiUrl = JsonDocument.Parse(File.ReadAllText(Path.Combine(state, "resources.json"))).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "api").GetProperty("url").GetString()!;
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(state, "dev-keys.json")))!;
        var client = new HttpClient { BaseAddress = new Uri(apiUrl) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, keys[Roles.Admin]);
        return client;
    }
}
