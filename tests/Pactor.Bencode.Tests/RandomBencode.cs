namespace Pactor.Bencode.Tests;

/// <summary>Seeded generator of arbitrary bencode values for property-style tests.</summary>
internal sealed class RandomBencode(int seed)
{
    private static readonly long[] EdgeIntegers = [0, 1, -1, 9, 10, -10, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1];

    private readonly Random _random = new(seed);

    public BValue Next(int depth = 0)
    {
        var kinds = depth >= 6 ? 2 : 4;
        return _random.Next(kinds) switch
        {
            0 => NextString(),
            1 => NextInteger(),
            2 => NextList(depth + 1),
            _ => NextDictionary(depth + 1),
        };
    }

    private BString NextString()
    {
        var bytes = new byte[_random.Next(4) == 0 ? _random.Next(300) : _random.Next(12)];
        _random.NextBytes(bytes);
        return new BString(bytes);
    }

    private BInteger NextInteger() => new(_random.Next(3) switch
    {
        0 => EdgeIntegers[_random.Next(EdgeIntegers.Length)],
        1 => _random.Next(-1000, 1000),
        _ => _random.NextInt64(long.MinValue, long.MaxValue),
    });

    private BList NextList(int depth)
    {
        var list = new BList();
        for (var count = _random.Next(6); count > 0; count--)
        {
            list.Add(Next(depth));
        }

        return list;
    }

    private BDictionary NextDictionary(int depth)
    {
        var dictionary = new BDictionary();
        for (var count = _random.Next(6); count > 0; count--)
        {
            // Short keys over a small alphabet collide often, exercising replacement and ordering.
            var key = new byte[_random.Next(4)];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = (byte)"aAz\u00ff0"[_random.Next(5)];
            }

            dictionary[new BString(key)] = Next(depth);
        }

        return dictionary;
    }
}
