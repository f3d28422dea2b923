using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("DanVan.E2E.LongJourneysFirst", "DanVan.E2E")]

namespace DanVan.E2E;

/// <summary>A browser test class that runs for half a minute or more: it starts before the short ones.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongJourneyAttribute : Attribute;

/// <summary>
/// Starts the long classes first. The suite runs two classes at a time, each class's tests one after another; in the
/// default order a long class could start last and run alone while the other thread had nothing left to do.
/// </summary>
public sealed class LongJourneysFirst : ITestCollectionOrderer
{
    private const string PerClass = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => IsLong(c) ? 0 : 1).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static bool IsLong(ITestCollection collection) =>
        collection.DisplayName.StartsWith(PerClass, StringComparison.Ordinal)
        && typeof(LongJourneysFirst).Assembly.GetType(collection.DisplayName[PerClass.Length..]) is { } type
        && type.IsDefined(typeof(LongJourneyAttribute), inherit: false);
}
