namespace DanVan.Tests;

/// <summary>One app and database per test class run; each test creates its own units and people.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<DanVanWebFactory>
{
    public const string Name = "web";
}
