using System.Collections;

namespace Pactor.Bencode;

public sealed class BList : BValue, IReadOnlyList<BValue>
{
    private readonly List<BValue> _items;

    public BList()
    {
        _items = [];
    }

    public BList(IEnumerable<BValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        if (_items.Contains(null!))
        {
            throw new ArgumentException("A bencode list cannot hold null.", nameof(items));
        }
    }

    public int Count => _items.Count;

    public BValue this[int index] => _items[index];

    public void Add(BValue item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
    }

    public IEnumerator<BValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(object? obj) => obj is BList other && _items.SequenceEqual(other._items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
