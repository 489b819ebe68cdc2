using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Components;

/// <summary>Pages and components call Core services, never a database context (DESIGN section 6).</summary>
public sealed class ComponentsUseCoreServicesTests
{
    [Fact]
    public void No_component_injects_a_database_context_or_its_factory()
    {
        var components = typeof(BulkImport.App.Components.App).Assembly.GetTypes().Where(t => typeof(ComponentBase).IsAssignableFrom(t));

        var offenders = components
            .SelectMany(c => c.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null && IsDatabase(p.PropertyType))
                .Select(p => $"{c.Name}.{p.Name}"))
            .ToList();

        offenders.Should().BeEmpty();
    }

    private static bool IsDatabase(Type type) =>
        typeof(DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDbContextFactory<>));
}
