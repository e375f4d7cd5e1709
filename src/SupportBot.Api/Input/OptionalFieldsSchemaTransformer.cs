using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SupportBot.Api.Input;

/// <summary>
/// Request records bind every field as nullable and validate presence in code, so the generator
/// would list every constructor parameter as required. In a request schema, only fields marked
/// <see cref="RequiredAttribute"/> (the ones the endpoint refuses to do without) stay required.
/// </summary>
internal sealed class OptionalFieldsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Required is not { Count: > 0 } required || !type.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).ToList();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            var clrName = (property.AttributeProvider as MemberInfo)?.Name;
            var marked = property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
                || parameters.Any(p => string.Equals(p.Name, clrName, StringComparison.OrdinalIgnoreCase) && p.IsDefined(typeof(RequiredAttribute)));
            if (!marked)
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }
}
