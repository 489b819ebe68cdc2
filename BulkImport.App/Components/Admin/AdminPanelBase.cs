using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BulkImport.App.Components.Admin;

/// <summary>
/// A panel of the administration page. Every change checks again that the person is an administrator (the page
/// check happened when it opened; a circuit lives on) and shows refusals as messages.
/// </summary>
public abstract class AdminPanelBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Messages to the administrator.</summary>
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Whether a change is being made (buttons are disabled meanwhile).</summary>
    protected bool Busy { get; private set; }

    /// <summary>Runs a change as the signed-in administrator; a refusal becomes an error message. Returns whether it succeeded.</summary>
    protected async Task<bool> ChangeAsync(Func<string, Task> change, string? success = null)
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        if (user?.Identity?.Name is not { } actor || !user.IsInRole(Roles.Admin))
        {
            Snackbar.Add("Only an administrator can change this.", Severity.Error);
            return false;
        }

        Busy = true;
        try
        {
            await change(actor);
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }

            return true;
        }
        catch (ImportProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
