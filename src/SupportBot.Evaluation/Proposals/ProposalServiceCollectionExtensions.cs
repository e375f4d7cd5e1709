using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Evaluation.Proposals;

public static class ProposalServiceCollectionExtensions
{
    /// <summary>
    /// Registers propose/accept (scoped, on the DbContext and DatasetStore of AddSupportBotDatabase) and,
    /// when Evaluation:Judge is configured, the model that names proposals.
    /// </summary>
    public static IServiceCollection AddDatasetProposals(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        var judge = configuration.GetSection(JudgeOptions.Section).Get<JudgeOptions>() ?? new JudgeOptions();
        if (judge.IsConfigured && !services.Any(s => s.ServiceType == typeof(JudgeModel)))
        {
            services.AddSingleton(new JudgeModel(EvaluatorServiceCollectionExtensions.CreateJudgeClient(judge)));
        }

        services.AddScoped(sp => new ProposalNamer(
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ProposalNamer>>(), sp.GetService<JudgeModel>()));
        services.AddScoped<DatasetProposer>();
        services.AddScoped<ProposalAcceptor>();
        return services;
    }
}
