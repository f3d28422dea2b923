using DanVan.Core.OrgUnits;

namespace DanVan.Tests;

public sealed class UnitTreeTests
{
    private static readonly UnitTree Tree = new([(2, 1), (3, 1), (4, 2), (5, 4), (6, 3)]);

    [Fact]
    public void SubtreeOf_IncludesRootAndAllDescendants() => Assert.Equal([2, 4, 5], Tree.SubtreeOf(2).Order());

    [Fact]
    public void IsInSubtree_SiblingOrParent_IsFalse()
    {
        Assert.True(Tree.IsInSubtree(5, 2));
        Assert.False(Tree.IsInSubtree(6, 2));
        Assert.False(Tree.IsInSubtree(1, 2));
    }

    [Fact]
    public void SubtreeOf_CycleInBadData_Terminates()
    {
        var cyclic = new UnitTree([(1, 2), (2, 1)]);

        Assert.Equal([1, 2], cyclic.SubtreeOf(1).Order());
    }

    [Fact]
    public void DepthOf_CountsAncestors() => Assert.Equal(3, Tree.DepthOf(5));
}
