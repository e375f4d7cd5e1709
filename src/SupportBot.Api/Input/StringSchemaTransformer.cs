using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SupportBot.Api.Input;

/// <summary>
/// The schema generator cannot see through a custom converter, so every string read by
/// <see cref="StorableStringConverter"/> would be documented as "any value" ({}). This puts the
/// string type (and null, where the property is nullable) back.
/// </summary>
internal sealed class StringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null && schema.OneOf is null && schema.AnyOf is null)
        {
            schema.Type = JsonSchemaType.String;
            if (context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable))
            {
                schema.Type |= JsonSchemaType.Null;
            }
        }

        return Task.CompletedTask;
    }
}
