using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BulkImport.Core.Domains;

/// <summary>How a domain joins the installation: <c>services.AddImportDomain&lt;PaymentDomain&gt;()</c>, one line.</summary>
public static class DomainRegistration
{
    public static IServiceCollection AddImportDomain<T>(this IServiceCollection services) where T : class, IImportDomain
    {
        services.AddSingleton<IImportDomain, T>();
        // The switches are read from the host's settings when present; without them every domain has its default.
        services.TryAddSingleton(sp => new ImportDomains(sp.GetServices<IImportDomain>(), sp.GetService<FeatureSwitches>() ?? new FeatureSwitches(_ => null)));
        return services;
    }
}
