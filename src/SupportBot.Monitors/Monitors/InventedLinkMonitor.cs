using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Monitors.HelpCenter;

namespace SupportBot.Monitors.Monitors;

/// <summary>
/// <c>invented_link</c>: a URL (http(s), or a bare www. address) that is neither a current help article nor under an
/// allowed prefix (<see cref="MonitorOptions.AllowedUrlPrefixes"/> and the grounding evaluator's
/// Evaluation:Grounding:AllowedUrlPrefixes) nor in the customer's own messages. URLs are found and matched exactly as
/// the offline grounding evaluator does (<see cref="GroundingEvaluator.FindUrls"/>, <see cref="HelpArticleIndexSnapshot"/>).
/// A made-up page on the help-center host is high severity (it looks official and 404s); another domain is medium.
/// </summary>
public sealed partial class InventedLinkMonitor(IArticleTextSource articles, IOptions<MonitorOptions> options, IOptions<GroundingOptions> grounding) : ReplyMonitor
{
    public override string Name => MonitorNames.InventedLink;
    public override string Version => "1.0";

    public override async ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var urls = GroundingEvaluator.FindUrls(reply.Reply)
            .Concat(BareWww().Matches(reply.Reply).Select(m => "https://" + m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')')))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (urls.Count == 0)
        {
            return [];
        }

        var cached = await articles.GetAsync(cancellationToken);
        var flags = Check(reply, urls, cached);
        if (flags.Count == 0)
        {
            return flags;
        }

        // About to flag: against the help center as of now, so an article published since the last periodic check is not invented.
        var current = await articles.RefreshAsync(cancellationToken);
        return ReferenceEquals(current, cached) ? flags : Check(reply, urls, current);
    }

    private List<MonitorFlag> Check(ReplyToCheck reply, List<string> urls, ArticleTexts help)
    {
        var flags = new List<MonitorFlag>();
        foreach (var url in urls)
        {
            if (help.Index.HasUrl(url) || reply.CustomerText.Contains(Bare(url), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var onHelpCenter = Uri.TryCreate(url, UriKind.Absolute, out var uri) && help.Index.HelpCenterHosts.Contains(uri.Host.ToLowerInvariant());
            if (!onHelpCenter && Allowed(url))
            {
                continue;
            }

            var at = reply.Reply.IndexOf(Bare(url), StringComparison.OrdinalIgnoreCase);
            var start = at < 0 ? 0 : at;
            var length = at < 0 ? reply.Reply.Length : Bare(url).Length;
            if (at >= 8 && reply.Reply.AsSpan(at - 8, 8).EndsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                (start, length) = (at - 8, length + 8);
            }
            else if (at >= 7 && reply.Reply.AsSpan(at - 7, 7).Equals("http://", StringComparison.OrdinalIgnoreCase))
            {
                (start, length) = (at - 7, length + 7);
            }

            flags.Add(onHelpCenter
                ? Flag(FlagSeverities.High, "unknown_help_article", "a help-center page that is not a current article", reply, start, length)
                : Flag(FlagSeverities.Medium, "unknown_domain", $"{uri?.Host ?? url} is neither the help center nor an allowed domain", reply, start, length));
        }

        return flags;
    }

    private bool Allowed(string url) =>
        options.Value.AllowedUrlPrefixes.Concat(grounding.Value.AllowedUrlPrefixes)
            .Any(prefix => url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || ("https://" + Bare(url)).StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string Bare(string url) => Scheme().Replace(url, "");

    [GeneratedRegex(@"^https?://", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"(?<![/\w.@])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[^\s<>""'()\[\]]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex BareWww();
}
