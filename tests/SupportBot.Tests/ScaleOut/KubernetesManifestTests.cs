using System.Reflection;
using k8s;
using k8s.Models;
using SupportBot.Contracts;
using SupportBot.Drafting;
using SupportBot.Hosting;
using SupportBot.Monitors;
using SupportBot.Signals;

namespace SupportBot.Tests.ScaleOut;

/// <summary>
/// deploy/kubernetes, read through the KubernetesClient package's typed models (no cluster runs here): every object
/// parses, probes hit the services' real health endpoints, Services select their pods and name real ports, every
/// worker replica gets a stable consumer name, and every setting given is a configuration key the services read.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(AppHostOptions.FindRepositoryRoot(), "deploy", "kubernetes");

    /// <summary>Keys read straight from IConfiguration rather than through an options class, and the file that reads each.</summary>
    private static readonly (string Key, string File)[] RawKeys =
    [
        ("Api:BaseUrl", "src/SupportBot.Web/Api/ApiRegistration.cs"),
        ("DataProtection:KeysPath", "src/SupportBot.Web/Auth/ConsoleAuthentication.cs"),
    ];

    [Fact]
    public async Task Every_manifest_parses_into_typed_objects()
    {
        var objects = await LoadAsync();

        Assert.Equal(["api", "web"], objects.OfType<V1Deployment>().Select(d => d.Metadata.Name).Order());
        Assert.Equal("evalworker", Assert.Single(objects.OfType<V1StatefulSet>()).Metadata.Name);
        Assert.Equal(["api", "evalworker", "web"], objects.OfType<V1Service>().Select(s => s.Metadata.Name).Order());
        Assert.Single(objects.OfType<V1ConfigMap>());
    }

    [Fact]
    public async Task Probes_use_the_services_health_and_liveness_endpoints_on_a_declared_port()
    {
        foreach (var (name, pod) in PodTemplates(await LoadAsync()))
        {
            var container = Assert.Single(pod.Spec.Containers);
            Assert.Equal(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, container.ReadinessProbe.HttpGet.Path);
            Assert.Equal(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath, container.LivenessProbe.HttpGet.Path);
            var ports = container.Ports.Select(p => p.Name).ToHashSet();
            Assert.Contains(container.ReadinessProbe.HttpGet.Port.Value, ports);
            Assert.True(container.Env.Any(e => e.Name == "ASPNETCORE_HTTP_PORTS" && e.Value == container.Ports.Single(p => p.Name == "http").ContainerPort.ToString()),
                $"{name}: ASPNETCORE_HTTP_PORTS must be the container's http port");
        }
    }

    [Fact]
    public async Task Services_select_their_pods_and_target_a_named_container_port()
    {
        var objects = await LoadAsync();
        var pods = PodTemplates(objects).ToDictionary(p => p.Name, p => p.Pod);
        foreach (var service in objects.OfType<V1Service>())
        {
            var pod = pods[service.Metadata.Name];
            Assert.All(service.Spec.Selector, label => Assert.Equal(label.Value, pod.Metadata.Labels[label.Key]));
            Assert.All(service.Spec.Ports, port => Assert.Contains(pod.Spec.Containers.SelectMany(c => c.Ports), p => p.Name == port.TargetPort.Value));
        }
    }

    [Fact]
    public async Task Each_worker_replica_reads_the_streams_under_its_own_stable_pod_name()
    {
        var worker = Assert.Single((await LoadAsync()).OfType<V1StatefulSet>());
        var env = Assert.Single(worker.Spec.Template.Spec.Containers).Env.ToDictionary(e => e.Name);

        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("$(POD_NAME)", env[$"{SignalOptions.Section}__{nameof(SignalOptions.ConsumerName)}"].Value);
        Assert.Equal("$(POD_NAME)", env[$"{MonitorOptions.Section}__{nameof(MonitorOptions.ConsumerName)}"].Value);
    }

    [Fact]
    public async Task Every_setting_is_a_configuration_key_the_services_read()
    {
        var objects = await LoadAsync();
        var keys = objects.OfType<V1ConfigMap>().SelectMany(c => c.Data.Keys)
            .Concat(PodTemplates(objects).SelectMany(p => p.Pod.Spec.Containers).SelectMany(c => c.Env ?? []).Where(e => e.ValueFrom is null).Select(e => e.Name))
            .Distinct()
            .ToList();
        var known = KnownKeys();

        var unknown = keys.Where(key => !IsKnown(key, known)).ToList();
        Assert.True(unknown.Count == 0, "not read by any service: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_raw_configuration_keys_are_still_read_where_the_test_says()
    {
        foreach (var (key, file) in RawKeys)
        {
            Assert.Contains($"\"{key}\"", File.ReadAllText(Path.Combine(AppHostOptions.FindRepositoryRoot(), file)), StringComparison.Ordinal);
        }
    }

    private static bool IsKnown(string environmentName, HashSet<string> known)
    {
        var key = environmentName.Replace("__", ":", StringComparison.Ordinal);
        return environmentName.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || environmentName.StartsWith("DOTNET_", StringComparison.Ordinal)
            || environmentName.StartsWith("OTEL_", StringComparison.Ordinal)
            || key.StartsWith("Logging:", StringComparison.Ordinal)
            || known.Contains(key);
    }

    /// <summary>Section:Property for every options class with a Section constant, the connection strings, and the raw keys.</summary>
    private static HashSet<string> KnownKeys()
    {
        var assemblies = new[] { typeof(DraftingOptions), typeof(SignalOptions), typeof(MonitorOptions), typeof(global::SupportBot.Conversations.ConversationOptions), typeof(global::SupportBot.Models.Shadow.ShadowOptions), typeof(global::SupportBot.Evaluation.Experiments.ExperimentOptions), typeof(global::SupportBot.Embeddings.EmbeddingOptions), typeof(global::SupportBot.Data.HelpCenter.HelpCenterOptions) }
            .Select(t => t.Assembly).Distinct();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            $"ConnectionStrings:{ConnectionNames.Database}",
            $"ConnectionStrings:{ConnectionNames.Cache}",
        };
        keys.UnionWith(RawKeys.Select(k => k.Key));
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string section)
            {
                keys.UnionWith(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}"));
            }
        }

        return keys;
    }

    private static IEnumerable<(string Name, V1PodTemplateSpec Pod)> PodTemplates(IEnumerable<object> objects) =>
        objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template))
            .Concat(objects.OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template)));

    private static async Task<List<object>> LoadAsync()
    {
        var objects = new List<object>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order())
        {
            objects.AddRange(await KubernetesYaml.LoadAllFromFileAsync(file));
        }

        Assert.NotEmpty(objects);
        return objects;
    }
}
