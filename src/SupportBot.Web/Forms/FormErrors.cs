using System.Reflection;
using Microsoft.AspNetCore.Components.Forms;

namespace SupportBot.Web.Forms;

/// <summary>
/// The API's field errors (400 ProblemDetails, keyed by JSON field name) on a form's EditContext, so the inputs mark
/// themselves invalid (aria-invalid, the "invalid" class) for the fields the API named.
/// </summary>
public sealed class FormErrors
{
    private readonly EditContext _context;
    private readonly ValidationMessageStore _store;

    public FormErrors(object model)
    {
        _context = new EditContext(model);
        _store = new ValidationMessageStore(_context);
    }

    public EditContext Context => _context;

    /// <summary>By JSON field name, for the messages beside the inputs.</summary>
    public IReadOnlyDictionary<string, string[]> Fields { get; private set; } = new Dictionary<string, string[]>();

    public void Show(IReadOnlyDictionary<string, string[]> errors)
    {
        _store.Clear();
        Fields = errors;
        foreach (var (field, messages) in errors)
        {
            var property = _context.Model.GetType().GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null)
            {
                _store.Add(_context.Field(property.Name), messages);
            }
        }

        _context.NotifyValidationStateChanged();
    }
}
