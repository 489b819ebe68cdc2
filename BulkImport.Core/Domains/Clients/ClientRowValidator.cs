using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Clients;

/// <summary>
/// The rules of a Client row (SPEC section 6): field formats, select lists, and Insert vs Update decided by Client ID alone.
/// </summary>
public sealed class ClientRowValidator : CellRuleValidator, IRowValidator
{
    private readonly ValidationSettings _settings;
    private readonly IdSet _existingClientIds;
    private readonly int _clientId;
    private readonly int _firstName;
    private readonly int _lastName;

    public ClientRowValidator(ValidationSettings settings, SelectLists selectLists, IdSet existingClientIds)
        : base(ClientColumns.All)
    {
        _settings = settings;
        _existingClientIds = existingClientIds;
        _clientId = IndexOf(ClientColumns.ClientId);
        _firstName = IndexOf(ClientColumns.FirstName);
        _lastName = IndexOf(ClientColumns.LastName);

        Cell(ClientColumns.ClientId, v => FieldFormats.WholeNumberId(v, ClientColumns.ClientId));
        Cell(ClientColumns.FirstName, v => FieldFormats.Text(v, ClientColumns.FirstName, ClientLimits.NameMaxLength));
        Cell(ClientColumns.LastName, v => FieldFormats.Text(v, ClientColumns.LastName, ClientLimits.NameMaxLength));
        Cell(ClientColumns.Email, FieldFormats.Email);
        Cell(ClientColumns.PhoneNumber, FieldFormats.Phone);
        Cell(ClientColumns.Ssn, FieldFormats.Ssn);
        Cell(ClientColumns.DateOfBirth, v => FieldFormats.DateOfBirth(v, settings.Today));
        Cell(ClientColumns.Address, v => FieldFormats.Text(v, ClientColumns.Address, ClientLimits.AddressMaxLength, allowLineBreaks: true));
        Cell(ClientColumns.City, v => FieldFormats.Text(v, ClientColumns.City, ClientLimits.CityMaxLength));
        Cell(ClientColumns.State, FieldFormats.State);
        Cell(ClientColumns.Zip, FieldFormats.Zip);
        foreach (var field in ClientColumns.SelectLists)
        {
            Cell(field, selectLists.For(field).Match);
        }
    }

    public RowValidation Validate(string?[] values)
    {
        var messages = CheckCells(values);
        var clientIdFailed = messages.Exists(m => m.Column == ClientColumns.ClientId && !m.IsWarning);
        var idText = values[_clientId];
        RowAction action;
        string? rowKey = null;

        if (Cells.IsBlank(idText))
        {
            if (_settings.Operation == Operation.Update)
            {
                // An Update row never inserts, so the Insert rules (names required) would only bury the one real
                // problem under messages that do not apply; the row's own cell errors stay, they are wrong either way.
                messages.Add(new RowMessage(ClientColumns.ClientId, "Client ID is required for Update. Fill in the ID of the client to change, or use Add & Update to add new clients.", "required"));
                return RowValidation.From(RowAction.Update, messages, null);
            }

            action = RowAction.Insert;
            RequireForInsert(values, _firstName, ClientColumns.FirstName, messages);
            RequireForInsert(values, _lastName, ClientColumns.LastName, messages);
        }
        else
        {
            action = RowAction.Update;
            if (!clientIdFailed)
            {
                rowKey = idText;
                if (!int.TryParse(idText, System.Globalization.CultureInfo.InvariantCulture, out var id) || !_existingClientIds.Contains(id))
                {
                    messages.Add(new RowMessage(ClientColumns.ClientId, UnknownId(idText!), "not-found"));
                }
            }
        }

        return RowValidation.From(action, messages, rowKey);
    }

    /// <summary>
    /// An unknown Client ID, and what to do about it: on an Update import a blank ID is never right (it is an error of
    /// its own), so only Add and Add &amp; Update suggest leaving it blank to add a new client.
    /// </summary>
    private string UnknownId(string idText) => _settings.Operation == Operation.Update
        ? $"Client ID {idText} does not exist. Correct the ID: an Update import changes existing clients only."
        : $"Client ID {idText} does not exist. Leave Client ID blank to add a new client, or correct the ID.";

    private static void RequireForInsert(string?[] values, int index, string column, List<RowMessage> messages)
    {
        if (Cells.IsBlank(values[index]))
        {
            messages.Add(new RowMessage(column, $"{column} is required to add a new client.", "required"));
        }
    }
}
