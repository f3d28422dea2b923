namespace DanVan.Core.OrgUnits;

/// <summary>Parent links as of one day, as an in-memory tree; pure, so scope rules are trivially testable.</summary>
public sealed class UnitTree
{
    private readonly Dictionary<int, List<int>> _children = [];
    private readonly Dictionary<int, int> _parent = [];

    public UnitTree(IEnumerable<(int UnitId, int ParentId)> links)
    {
        foreach (var (unitId, parentId) in links)
        {
            _parent[unitId] = parentId;
            if (!_children.TryGetValue(parentId, out var list))
            {
                _children[parentId] = list = [];
            }

            list.Add(unitId);
        }
    }

    public int? ParentOf(int unitId) => _parent.TryGetValue(unitId, out var p) ? p : null;

    /// <summary>The unit and everything below it. Guards against cycles left by bad data.</summary>
    public HashSet<int> SubtreeOf(int rootId)
    {
        var seen = new HashSet<int> { rootId };
        var queue = new Queue<int>();
        queue.Enqueue(rootId);
        while (queue.Count > 0)
        {
            if (!_children.TryGetValue(queue.Dequeue(), out var kids))
            {
                continue;
            }

            foreach (var kid in kids)
            {
                if (seen.Add(kid))
                {
                    queue.Enqueue(kid);
                }
            }
        }

        return seen;
    }

    public bool IsInSubtree(int unitId, int rootId)
    {
        var current = (int?)unitId;
        var steps = 0;
        while (current is { } id && steps++ < 10_000)
        {
            if (id == rootId)
            {
                return true;
            }

            current = ParentOf(id);
        }

        return false;
    }

    public int DepthOf(int unitId)
    {
        var depth = 0;
        var current = ParentOf(unitId);
        while (current is { } id && depth < 10_000)
        {
            depth++;
            current = ParentOf(id);
        }

        return depth;
    }
}
