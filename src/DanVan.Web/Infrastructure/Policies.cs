namespace DanVan.Web.Infrastructure;

public static class Policies
{
    public const string Admin = "Admin";
    public const string Consolidation = "Consolidation";
    public const string Api = "Api";
}

/// <summary>Marker for the shared UI strings (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
