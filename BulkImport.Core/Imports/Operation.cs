namespace BulkImport.Core.Imports;

/// <summary>What an import does with its rows.</summary>
public enum Operation
{
    Add,
    Update,
    AddUpdate,
}

/// <summary>The words the screens use for operations.</summary>
public static class OperationNames
{
    public static string DisplayName(this Operation operation) => operation switch
    {
        Operation.Add => "Add",
        Operation.Update => "Update",
        Operation.AddUpdate => "Add & Update",
        _ => operation.ToString(),
    };
}
