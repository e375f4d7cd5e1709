using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportBot.Signals.Gates;

namespace SupportBot.Tests.Gates;

public sealed class GateOptionsTests
{
    [Fact]
    public void Category_overrides_replace_only_the_values_they_set()
    {
        var options = Bind(new()
        {
            ["Gates:Default:MaxEditedShare"] = "0.25",
            ["Gates:Categories:billing:MaxCorrectedShare"] = "0.01",
            ["Gates:Categories:billing:Window"] = "14.00:00:00",
        });

        var billing = options.For("billing");
        Assert.Equal((0.25, 0.01, TimeSpan.FromDays(14), 50), (billing.MaxEditedShare, billing.MaxCorrectedShare, billing.Window, billing.MinimumSent));
        Assert.Equal((0.25, 0.05, TimeSpan.FromDays(7)), (options.For("how-to").MaxEditedShare, options.For("how-to").MaxCorrectedShare, options.For("how-to").Window));
    }

    [Fact]
    public async Task Bad_thresholds_stop_the_host_at_startup_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gates:Categories:billing:MaxEditedShare"] = "30",
            ["Gates:Default:MinimumSent"] = "0",
        });
        builder.AddGates();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Gates:Categories:billing:MaxEditedShare must be between 0 and 1 (was 30)", error.Message);
        Assert.Contains("Gates:Default:MinimumSent must be at least 1 (was 0)", error.Message);
    }

    [Fact]
    public void The_shipped_defaults_are_valid()
    {
        Assert.True(new GateOptionsValidator().Validate(null, new GateOptions()).Succeeded);
    }

    private static GateOptions Bind(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddOptions<GateOptions>().Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(GateOptions.Section));
        return services.BuildServiceProvider().GetRequiredService<IOptions<GateOptions>>().Value;
    }
}
