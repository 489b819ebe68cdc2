using BulkImport.Core.Imports.Undo;

namespace BulkImport.App.Hosting;

/// <summary>Wires the undo of imports (SPEC 21): its queue, runner, commands, results file and worker.</summary>
public static class UndoRegistration
{
    public static IServiceCollection AddUndo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<UndoOptions>(configuration, UndoOptions.Section);
        services.AddSingleton<UndoQueue>();
        services.AddSingleton<UndoRunner>();
        services.AddSingleton<UndoCommands>();
        services.AddSingleton<UndoResultsFile>();
        services.AddHostedService<UndoWorker>();
        return services;
    }
}
