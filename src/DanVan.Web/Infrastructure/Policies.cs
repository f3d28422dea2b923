namespace DanVan.Web.Infrastructure;

public static class Policies
{
    public const string Admin = "Admin";
    public const string Consolidation = "Consolidation";
    public const string Api = "Api";
}
