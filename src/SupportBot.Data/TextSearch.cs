namespace SupportBot.Data;

/// <summary>
/// PostgreSQL full-text search conventions. Both the generated search columns and the retrieval
/// queries map a language code to a text-search configuration through the same SQL function,
/// so stemming at index time and at query time always agree.
/// </summary>
public static class TextSearch
{
    public const string ConfigFunction = "supportbot_search_config";

    /// <summary>Created by the migration; IMMUTABLE so generated columns may use it.</summary>
    public const string CreateConfigFunctionSql = $"""
        CREATE OR REPLACE FUNCTION {ConfigFunction}(language text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE lower(left(coalesce(language, ''), 2))
            WHEN 'en' THEN 'english'::regconfig
            WHEN 'de' THEN 'german'::regconfig
            WHEN 'fr' THEN 'french'::regconfig
            WHEN 'es' THEN 'spanish'::regconfig
            WHEN 'it' THEN 'italian'::regconfig
            WHEN 'nl' THEN 'dutch'::regconfig
            WHEN 'pt' THEN 'portuguese'::regconfig
            ELSE 'simple'::regconfig
          END
        $$;
        """;

    public static string WeightedVectorSql(string languageColumn, string titleColumn, string bodyColumn) =>
        $"setweight(to_tsvector({ConfigFunction}({languageColumn}), coalesce({titleColumn}, '')), 'A') || " +
        $"setweight(to_tsvector({ConfigFunction}({languageColumn}), coalesce({bodyColumn}, '')), 'B')";
}
