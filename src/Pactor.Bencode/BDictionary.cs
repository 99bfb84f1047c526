using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Pactor.Bencode;

/// <summary>
/// A bencoded dictionary. Keys are kept sorted by their raw bytes, so enumeration and
/// <see cref="BencodeWriter"/> output are in canonical order whatever the insertion order.
/// </summary>
public sealed class BDictionary : BValue, IReadOnlyDictionary<BString, BValue>
{
    private readonly List<KeyValuePair<BString, BValue>> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<BString> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<BValue> Values => _entries.Select(entry => entry.Value);

    /// <summary>Gets a value (throws <see cref="KeyNotFoundException"/> if absent) or adds/replaces one.</summary>
    public BValue this[BString key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No key '{key.Text}' in the dictionary.");
        set => Set(key, value, replace: true);
    }

    /// <inheritdoc cref="this[BString]"/>
    public BValue this[string key]
    {
        get => this[new BString(key)];
        set => this[new BString(key)] = value;
    }

    /// <summary>Adds an entry; throws <see cref="ArgumentException"/> if the key is already present.</summary>
    public void Add(BString key, BValue value) => Set(key, value, replace: false);

    /// <inheritdoc cref="Add(BString, BValue)"/>
    public void Add(string key, BValue value) => Add(new BString(key), value);

    public bool ContainsKey(BString key) => IndexOf(key) >= 0;

    public bool ContainsKey(string key) => ContainsKey(new BString(key));

    public bool TryGetValue(BString key, [MaybeNullWhen(false)] out BValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out BValue value) => TryGetValue(new BString(key), out value);

    public bool Remove(string key)
    {
        var index = IndexOf(new BString(key));
        if (index >= 0)
        {
            _entries.RemoveAt(index);
        }

        return index >= 0;
    }

    public IEnumerator<KeyValuePair<BString, BValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(object? obj) =>
        obj is BDictionary other
        && other.Count == Count
        && _entries.Zip(other._entries).All(pair => pair.First.Key.Equals(pair.Second.Key) && pair.First.Value.Equals(pair.Second.Value));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _entries)
        {
            hash.Add(key);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Appends an entry the reader has already checked to sort after every existing key.</summary>
    internal void AppendInOrder(BString key, BValue value) => _entries.Add(new(key, value));

    private void Set(BString key, BValue value, bool replace)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = IndexOf(key);
        if (index >= 0 && !replace)
        {
            throw new ArgumentException($"The dictionary already has the key '{key.Text}'.", nameof(key));
        }

        if (index >= 0)
        {
            _entries[index] = new(key, value);
        }
        else
        {
            _entries.Insert(~index, new(key, value));
        }
    }

    /// <summary>Binary search: the index of <paramref name="key"/>, or the bitwise complement of where it would go.</summary>
    private int IndexOf(BString key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int low = 0, high = _entries.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = BString.CompareBytes(_entries[middle].Key, key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
