using System.Globalization;

namespace SupportBot.Cli.Commands;

/// <summary>
/// How the model comparison and shadow reports write their cells: invariant numbers, "-" for a value that does not
/// exist (NaN), signed deltas without "-0.000", and fixed-width rows.
/// </summary>
internal static class ReportCells
{
    public static string Row(int[] widths, string[] cells) =>
        string.Concat(cells.Select((c, i) => c.PadRight(widths[i] + 1))).TrimEnd();

    public static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Pct(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string F1(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    public static string S(double v) => double.IsNaN(v) ? "-" : v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}
