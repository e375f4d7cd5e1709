using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Foundation;

/// <summary>One malformed request of the sweep: what it tries, and the request to send.</summary>
public sealed record SweepCase(string Operation, string Attack, HttpMethod Method, string Path, HttpContent? Body)
{
    public override string ToString() => $"{Operation} [{Attack}]";
}

/// <summary>
/// Builds malformed requests for every operation of an OpenAPI document, from the document alone,
/// so endpoints added later are swept without touching the test. Ids in paths are unknown ids
/// (random GUIDs, unused names), so a request that gets past validation changes nothing that exists.
/// Bodies are only sent to operations that declare one; an operation without a body gets only
/// query and path attacks, so the sweep never triggers work (a reindex, say) by accident.
/// </summary>
public sealed class ApiSweep(JsonNode document)
{
    /// <summary>Bigger than any text limit the API documents (64 Ki characters).</summary>
    private const int OversizedChars = 100_000;

    /// <summary>Bigger than the default body limit (1 MiB).</summary>
    private const int OversizedBodyBytes = 2 * 1024 * 1024 + 17;

    /// <summary>
    /// Valid values for fields whose plain-text stand-in would fail validation first and hide the
    /// attack on every other field (a made-up role, an unknown category).
    /// </summary>
    private static readonly Dictionary<string, JsonNode?> KnownValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["role"] = "agent",
        ["thumb"] = "up",
        ["language"] = "en",
        ["category"] = null,
    };

    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch];

    public IEnumerable<string> Operations() =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        select $"{method.Key.ToUpperInvariant()} {path.Key}";

    public IEnumerable<SweepCase> Cases()
    {
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (methodName, operationNode) in item!.AsObject())
            {
                var method = Methods.FirstOrDefault(m => m.Method.Equals(methodName, StringComparison.OrdinalIgnoreCase));
                if (method is null)
                {
                    continue;
                }

                var operation = operationNode!.AsObject();
                var name = $"{method.Method} {template}";
                var parameters = Parameters(item, operation);
                var pathParameters = parameters.Where(p => (string?)p["in"] == "path").ToList();
                var queryParameters = parameters.Where(p => (string?)p["in"] == "query").ToList();
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } s ? Resolve(s) : null;

                string PathWith(string? attackedParameter = null, string? attackValue = null, string? query = null)
                {
                    var path = template;
                    foreach (var parameter in pathParameters)
                    {
                        var parameterName = (string)parameter["name"]!;
                        var value = parameterName == attackedParameter ? attackValue! : Uri.EscapeDataString(UnknownValue(Resolve(parameter["schema"])));
                        path = path.Replace("{" + parameterName + "}", value, StringComparison.Ordinal);
                    }

                    return query is null ? path : $"{path}?{query}";
                }

                var validBody = bodySchema is null ? null : ValidValue(bodySchema);
                HttpContent? Valid() => validBody is null ? null : Json(validBody.ToJsonString());

                // Unknown ids: only where something identifies the target (no creations at the top level).
                if (pathParameters.Count > 0 || method == HttpMethod.Get)
                {
                    yield return new(name, "unknown ids", method, PathWith(), Valid());
                }

                foreach (var parameter in pathParameters)
                {
                    var parameterName = (string)parameter["name"]!;
                    yield return new(name, $"path {parameterName}: NUL", method, PathWith(parameterName, "a%00b"), Valid());
                    yield return new(name, $"path {parameterName}: wrong type", method, PathWith(parameterName, "not-a-valid-value%20%F0%9F%92%A5"), Valid());
                    yield return new(name, $"path {parameterName}: oversized", method, PathWith(parameterName, new string('p', 4_000)), Valid());
                }

                foreach (var parameter in queryParameters)
                {
                    var parameterName = (string)parameter["name"]!;
                    var schema = Resolve(parameter["schema"]);
                    string[] attacks = IsType(schema, "integer") || IsType(schema, "number")
                        ? ["-1", "0", "2147483648", "99999999999999999999", "1e400", "abc", "1.5"]
                        : IsType(schema, "boolean") ? ["maybe", "2"] : ["a%00b", new string('q', 6_000), "%ED%A0%80"];
                    foreach (var attack in attacks)
                    {
                        yield return new(name, $"query {parameterName}={Clip(attack)}", method, PathWith(query: $"{parameterName}={attack}"), Valid());
                    }

                    yield return new(name, $"query {parameterName} twice", method, PathWith(query: $"{parameterName}=1&{parameterName}=2"), Valid());
                }

                if (bodySchema is null)
                {
                    continue;
                }

                var path0 = PathWith();
                yield return new(name, "malformed JSON", method, path0, Json("{\"a\": "));
                yield return new(name, "not JSON", method, path0, Json("hello"));
                yield return new(name, "empty body", method, path0, Json(""));
                yield return new(name, "null body", method, path0, Json("null"));
                yield return new(name, "wrong JSON type: number", method, path0, Json("42"));
                yield return new(name, "wrong JSON type: string", method, path0, Json("\"text\""));
                yield return new(name, "wrong JSON type", method, path0, Json(IsType(bodySchema, "array") ? "{}" : "[]"));
                yield return new(name, "missing required fields", method, path0, Json(IsType(bodySchema, "array") ? "[{}]" : "{}"));
                yield return new(name, "invalid UTF-8", method, path0, Raw([.. "{\"x\": \""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8]));
                yield return new(name, "text/plain", method, path0, new StringContent("{}", Encoding.UTF8, "text/plain"));
                yield return new(name, "oversized body", method, path0, Json("\"" + new string('b', OversizedBodyBytes) + "\""));
                yield return new(name, "deep nesting", method, path0, Json(new string('[', 5_000) + new string(']', 5_000)));

                foreach (var (fieldPath, fieldSchema) in Fields(bodySchema, "$"))
                {
                    foreach (var (attack, value) in FieldAttacks(fieldSchema))
                    {
                        var mutated = Mutate(validBody!, fieldPath, value);
                        yield return new(name, $"{fieldPath}: {attack}", method, path0, Json(mutated));
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Attack, string Json)> FieldAttacks(JsonNode schema)
    {
        if (IsType(schema, "string"))
        {
            yield return ("NUL", "\"a\\u0000b\"");
            yield return ("lone surrogate", "\"a\\ud800b\"");
            yield return ("lone low surrogate", "\"\\udc00\"");
            yield return ("oversized", "\"" + new string('s', OversizedChars) + "\"");
            yield return ("empty", "\"\"");
        }

        if (IsType(schema, "array"))
        {
            yield return ("NUL item", "[\"a\\u0000b\"]");
            yield return ("10,000 items", "[" + string.Join(',', Enumerable.Repeat("\"i\"", 10_000)) + "]");
            yield return ("null item", "[null]");
        }

        if (IsType(schema, "integer") || IsType(schema, "number"))
        {
            yield return ("negative", "-1");
            yield return ("huge", "1e300");
            yield return ("int overflow", "99999999999999999999");
            yield return ("fraction", "0.5");
        }

        // A value of the wrong JSON type for the field.
        yield return ("wrong type", IsType(schema, "object") ? "\"not an object\"" : IsType(schema, "string") ? "{\"x\":1}" : "\"not a number\"");
        yield return ("wrong type (bool)", IsType(schema, "boolean") ? "\"yes\"" : "true");
        yield return ("null", "null");
    }

    /// <summary>Every property of the body (one level into nested objects and array items), as a JSON path.</summary>
    private IEnumerable<(string Path, JsonNode Schema)> Fields(JsonNode schema, string path, int depth = 0)
    {
        if (depth > 2)
        {
            yield break;
        }

        if (IsType(schema, "array") && schema["items"] is { } items)
        {
            foreach (var field in Fields(Resolve(items), path + "[0]", depth + 1))
            {
                yield return field;
            }

            yield break;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, propertySchema) in properties)
            {
                var resolved = Resolve(propertySchema);
                yield return ($"{path}.{name}", resolved);
                foreach (var nested in Fields(resolved, $"{path}.{name}", depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>A value that satisfies the schema's shape, with harmless content.</summary>
    private JsonNode? ValidValue(JsonNode schema, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        if (depth > 4)
        {
            return null;
        }

        if (IsType(schema, "object") || schema["properties"] is not null)
        {
            var value = new JsonObject();
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                value[name] = KnownValues.TryGetValue(name, out var known) ? known?.DeepClone() : ValidValue(property!, depth + 1);
            }

            return value;
        }

        if (IsType(schema, "array"))
        {
            return schema["items"] is { } items ? new JsonArray(ValidValue(items, depth + 1)) : new JsonArray();
        }

        if (IsType(schema, "integer") || IsType(schema, "number"))
        {
            return 1;
        }

        if (IsType(schema, "boolean"))
        {
            return false;
        }

        return (string?)schema["format"] switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date-time" => DateTimeOffset.UtcNow.ToString("O"),
            "date" => DateTime.UtcNow.ToString("yyyy-MM-dd"),
            _ => $"sweep-{Guid.NewGuid():N}"[..14],
        };
    }

    private static string UnknownValue(JsonNode schema) =>
        IsType(schema, "integer") || IsType(schema, "number") ? "987654"
        : (string?)schema["format"] == "uuid" ? Guid.NewGuid().ToString()
        : $"sweep-unknown-{Guid.NewGuid():N}"[..22];

    /// <summary>Sets the field at a path like "$.a", "$.a.b", "$[0].a" or "$.a[0].b" (array steps are always item 0).</summary>
    private static string Mutate(JsonNode validBody, string fieldPath, string valueJson)
    {
        var root = validBody.DeepClone();
        var steps = fieldPath[1..].Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? node = root;
        for (var i = 0; i < steps.Length - 1 && node is not null; i++)
        {
            node = steps[i] == "[0]" ? node is JsonArray { Count: > 0 } array ? array[0] : null : node[steps[i]];
        }

        // A placeholder swapped for the raw JSON afterwards: some attacks (a lone surrogate) are
        // JSON that JsonNode refuses to write.
        const string placeholder = "__sweep_value__";
        JsonNode value = placeholder;
        switch (node)
        {
            case JsonArray { Count: > 0 } items when steps[^1] == "[0]":
                items[0] = value;
                break;
            case JsonObject item when steps[^1] != "[0]":
                item[steps[^1]] = value;
                break;
        }

        return root.ToJsonString().Replace($"\"{placeholder}\"", valueJson, StringComparison.Ordinal);
    }

    private static List<JsonNode> Parameters(JsonNode? pathItem, JsonObject operation) =>
        [.. (pathItem?["parameters"]?.AsArray() ?? []).Concat(operation["parameters"]?.AsArray() ?? []).OfType<JsonNode>()];

    private JsonNode Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } reference; i++)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = document["components"]?["schemas"]?[name];
        }

        return schema ?? new JsonObject();
    }

    /// <summary>OpenAPI 3.1 types are a string or an array (["string", "null"]); oneOf/anyOf count too.</summary>
    private static bool IsType(JsonNode schema, string type) =>
        schema["type"] switch
        {
            JsonValue value => (string?)value == type,
            JsonArray array => array.Any(t => (string?)t == type),
            _ => false,
        }
        || (schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives && alternatives.OfType<JsonNode>().Any(a => IsType(a, type));

    private static string Clip(string text) => text.Length > 20 ? text[..20] + "…" : text;

    private static ByteArrayContent Json(string json) => Raw(Encoding.UTF8.GetBytes(json));

    private static ByteArrayContent Raw(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        return content;
    }
}
