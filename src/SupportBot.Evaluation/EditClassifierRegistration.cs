using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SupportBot.Drafting;
using SupportBot.Drafting.Models;
using SupportBot.Signals;
using SupportBot.Signals.Edits;

namespace SupportBot.Evaluation;

/// <summary>
/// The one choice of edit classifier, for the worker (which records edit types) and the API (which
/// previews them, POST /api/edits/classify): with a real model configured, edit types come from it
/// (heuristic as fallback); else the heuristic alone. Both must agree, or the preview would lie.
/// </summary>
public static class EditClassifierRegistration
{
    public static IHostApplicationBuilder AddEditClassifier(this IHostApplicationBuilder builder)
    {
        var drafting = builder.Configuration.GetSection(DraftingOptions.Section).Get<DraftingOptions>() ?? new DraftingOptions();
        if (!drafting.Provider.Equals(DraftingProviders.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.TryAddSingleton<IEditClassifier>(sp => ActivatorUtilities.CreateInstance<ModelEditClassifier>(
                sp, ChatClientFactory.CreateOpenAICompatible(drafting.OpenAI)));
        }

        builder.Services.TryAddSingleton<IEditClassifier, HeuristicEditClassifier>();
        builder.Services.TryAddSingleton<SignalScoring>();
        return builder;
    }
}
