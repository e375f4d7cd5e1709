using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SupportBot.Benchmarks;

/// <summary>
/// A latency percentile over single-invocation iterations. BenchmarkDotNet ships P95 but not P99,
/// and the drafting target is stated as p50/p99.
/// </summary>
public sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileColumn)}.P{percentile}";
    public string ColumnName => $"P{percentile}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => percentile;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"{percentile}th percentile of single calls";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? $"{statistics.Percentiles.Percentile(percentile) / 1_000_000:N3} ms"
            : "-";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
