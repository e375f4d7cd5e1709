using Npgsql;
using SupportBot.Data.Entities;

namespace SupportBot.Signals;

/// <summary>A score about to be written: validated against its <see cref="ScoreDefinition"/> first.</summary>
public sealed record PendingScore(string Name, string DataType, double? NumericValue, string? StringValue, string? Comment);

/// <summary>Checks scores against the definitions in score_definitions (read once, they are seeded by migration).</summary>
public sealed class ScoreValidator(NpgsqlDataSource dataSource)
{
    private Dictionary<string, ScoreDefinition>? _definitions;

    public async Task<string?> ErrorAsync(PendingScore score, CancellationToken cancellationToken)
    {
        var definitions = _definitions ??= await LoadAsync(cancellationToken);
        return Validate(score, definitions.GetValueOrDefault(score.Name));
    }

    public static string? Validate(PendingScore score, ScoreDefinition? definition) => definition switch
    {
        null => $"No score definition named '{score.Name}'.",
        _ when definition.DataType != score.DataType => $"Score '{score.Name}' is {definition.DataType}, not {score.DataType}.",
        { DataType: ScoreDataTypes.Numeric } when score.NumericValue is not { } value || double.IsNaN(value)
            || value < (definition.MinValue ?? double.NegativeInfinity) || value > (definition.MaxValue ?? double.PositiveInfinity)
            => $"Score '{score.Name}' = {score.NumericValue} is outside {definition.MinValue}..{definition.MaxValue}.",
        { DataType: ScoreDataTypes.Boolean } when score.NumericValue is not (0 or 1) || score.StringValue is not ("true" or "false")
            => $"Score '{score.Name}' must be a boolean (0/1, \"true\"/\"false\").",
        { DataType: ScoreDataTypes.Categorical } when score.StringValue is null || !(definition.Categories ?? []).Contains(score.StringValue)
            => $"Score '{score.Name}' = '{score.StringValue}' is not one of {string.Join(", ", definition.Categories ?? [])}.",
        _ => null,
    };

    private async Task<Dictionary<string, ScoreDefinition>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name, data_type, description, min_value, max_value, categories FROM score_definitions");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var definitions = new Dictionary<string, ScoreDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            definitions[reader.GetString(0)] = new ScoreDefinition
            {
                Name = reader.GetString(0),
                DataType = reader.GetString(1),
                Description = reader.GetString(2),
                MinValue = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                MaxValue = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                Categories = reader.IsDBNull(5) ? null : reader.GetFieldValue<string[]>(5),
            };
        }

        return definitions;
    }
}
