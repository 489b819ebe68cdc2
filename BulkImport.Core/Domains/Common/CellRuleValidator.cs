using BulkImport.Core.Imports;
using FluentValidation;
using FluentValidation.Results;

namespace BulkImport.Core.Domains.Common;

/// <summary>
/// A FluentValidation validator whose rules are per cell: each non-blank cell is cleaned of invisible characters,
/// checked by a field rule, and replaced by its canonical value when accepted. Failures become <see cref="RowMessage"/>s
/// here, so FluentValidation stays inside Core.
/// </summary>
public abstract class CellRuleValidator : AbstractValidator<RowCells>
{
    protected CellRuleValidator(IReadOnlyList<string> columns)
    {
        Columns = columns;
        ClassLevelCascadeMode = CascadeMode.Continue;
    }

    protected IReadOnlyList<string> Columns { get; }

    /// <summary>Adds the rule for one column; blank cells are left to the row-level rules.</summary>
    protected void Cell(string column, Func<string, FieldResult> rule)
    {
        var index = IndexOf(column);
        RuleFor(r => r.Values[index]).Configure(rule => rule.PropertyName = column).Custom((value, context) =>
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            // A cell of nothing but invisible characters is blank, like an empty one.
            var cleaned = CellText.Clean(value);
            if (cleaned.Length == 0)
            {
                context.InstanceToValidate.Values[index] = "";
                return;
            }

            var result = rule(cleaned);
            if (result.IsValid)
            {
                context.InstanceToValidate.Values[index] = result.Value;
            }
            else
            {
                context.AddFailure(new ValidationFailure(column, result.Error) { ErrorCode = "format" });
            }
        });
    }

    protected int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{column}' is not a template column.", nameof(column));
    }

    /// <summary>Runs the cell rules and returns their messages.</summary>
    public List<RowMessage> CheckCells(string?[] values)
    {
        var result = Validate(new RowCells(values));
        var messages = new List<RowMessage>(result.Errors.Count);
        foreach (var failure in result.Errors)
        {
            messages.Add(new RowMessage(failure.PropertyName, failure.ErrorMessage, failure.ErrorCode));
        }

        return messages;
    }
}
