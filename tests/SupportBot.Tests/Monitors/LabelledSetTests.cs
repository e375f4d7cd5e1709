using System.Globalization;

namespace SupportBot.Tests.Monitors;

/// <summary>
/// The figures in docs/monitors.md: every embedded monitor on the labelled set (data/monitors/labelled.jsonl and the
/// demo's historical replies as benign). Targets: recall ≥ 90 % per monitor, ≤ 2 % of benign replies flagged.
/// </summary>
public sealed class LabelledSetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Embedded_monitors_meet_the_recall_and_false_positive_targets()
    {
        var set = LabelledSet.Load();
        var (perMonitor, benign, benignFlagged, misses, falseFlags) = await LabelledSetScoring.ScoreAsync(set, TestContext.Current.CancellationToken);

        foreach (var f in perMonitor)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{f.Monitor}` | {f.Positives} | {f.Caught} | {f.Recall:P1} | {f.Precision:P1} | {f.BenignFlagged} |"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"benign: {benignFlagged} of {benign} flagged ({(double)benignFlagged / benign:P2})"));
        foreach (var line in misses.Concat(falseFlags))
        {
            output.WriteLine(line);
        }

        Assert.True(benign >= 200, $"{benign} benign replies");
        Assert.All(perMonitor, f => Assert.True(f.Positives >= 30, $"{f.Monitor}: {f.Positives} labelled replies"));

        // Every embedded monitor meets the recall target; benign false positives meet the 2 % target.
        Assert.All(perMonitor, f => Assert.True(f.Recall >= 0.90, $"{f.Monitor}: recall {f.Recall:P1}"));
        Assert.True((double)benignFlagged / benign <= 0.02, $"{benignFlagged} of {benign} benign replies flagged (target ≤ 2 %)");
    }
}
