using System.Collections.Concurrent;

namespace DanVan.Core.Word;

/// <summary>
/// What was read from parts that generators and templates repeat across files, kept by the part's text or fingerprint
/// and shared between imports on every thread. Emptied when more than <c>capacity</c> entries have been added, so a
/// long-running app holds at most that many.
/// </summary>
/// <remarks>
/// Adds are counted rather than asking the dictionary its size: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/>
/// takes every lock of the table, hundreds once it has grown, and a miss must not cost that.
/// </remarks>
internal sealed class PartCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly int _capacity;
    private int _adds;

    public PartCache(int capacity)
    {
        _capacity = capacity;
        _byText = _items.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGetValue(string key, out TValue value) => _items.TryGetValue(key, out value!);

    /// <summary>Looks up by text not yet made a string (an element cut out of a part).</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, out TValue value) => _byText.TryGetValue(key, out value!);

    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        if (_items.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = create();
        Set(key, value);
        return value;
    }

    public void Set(string key, TValue value)
    {
        if (Interlocked.Increment(ref _adds) > _capacity)
        {
            _items.Clear();
            Interlocked.Exchange(ref _adds, 0);
        }

        _items[key] = value;
    }
}
