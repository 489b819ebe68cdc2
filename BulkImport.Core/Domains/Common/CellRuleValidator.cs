using BulkImport.Core.Imports;
using FluentValidation;
using FluentValidation.Results;

namespace BulkImport.Core.Domains.Common;

/// <summary>
/// A FluentValidation validator whose rules are per cell: each non-blank cell is cleaned of invisible characters and
/// of the apostrophe our own exports put before a formula character (<see cref="CellText.WithoutFormulaEscape"/>),
/// checked by a field rule, and replaced by its canonical value when accepted. An accepted value can still carry a
/// warning: replacement characters (U+FFFD, text damaged by a wrong encoding somewhere before us) and the null-ish
/// tokens NULL, N/A, #N/A and "-", which are imported as the text they are. Failures become <see cref="RowMessage"/>s
/// here, so FluentValidation stays inside Core.
/// </summary>
public abstract class CellRuleValidator : AbstractValidator<RowCells>
{
    private readonly List<(int Index, string Column, Func<string, FieldResult> Rule)> _cells = [];

    protected CellRuleValidator(IReadOnlyList<string> columns)
    {
        Columns = columns;
        ClassLevelCascadeMode = CascadeMode.Continue;
        // One FluentValidation rule walks every cell: a rule per column cost FluentValidation's per-rule set-up twenty
        // times a row, which was half of reading a million-row file (issue 7).
        RuleFor(r => r).Custom(CheckEachCell);
    }

    protected IReadOnlyList<string> Columns { get; }

    /// <summary>Adds the rule for one column; blank cells are left to the row-level rules.</summary>
    protected void Cell(string column, Func<string, FieldResult> rule) => _cells.Add((IndexOf(column), column, rule));

    private void CheckEachCell(RowCells cells, ValidationContext<RowCells> context)
    {
        var values = cells.Values;
        foreach (var (index, column, rule) in _cells)
        {
            var value = values[index];
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            // A cell of nothing but invisible characters is blank, like an empty one.
            var cleaned = CellText.WithoutFormulaEscape(CellText.Clean(value));
            if (cleaned.Length == 0)
            {
                values[index] = "";
                continue;
            }

            var result = rule(cleaned);
            if (!result.IsValid)
            {
                context.AddFailure(new ValidationFailure(column, result.Error) { ErrorCode = "format" });
                continue;
            }

            values[index] = result.Value;
            if (CellText.Warning(result.Value!) is { } warning)
            {
                context.AddFailure(new ValidationFailure(column, warning.Message) { ErrorCode = warning.Code, Severity = Severity.Warning });
            }
        }
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
            messages.Add(new RowMessage(failure.PropertyName, failure.ErrorMessage, failure.ErrorCode, failure.Severity == Severity.Warning));
        }

        return messages;
    }
}
