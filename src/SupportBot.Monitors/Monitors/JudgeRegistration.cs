using Microsoft.Extensions.Hosting;

namespace SupportBot.Monitors.Monitors;

/// <summary>Registers <c>llm_judge</c> only when "Monitors:Judge" names an endpoint (placeholder until the judge lands).</summary>
internal static class JudgeRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
    }
}
