using System.Text;

namespace Pactor.XmlRpc.Tests;

/// <summary>Random values of every writable type, nested up to four levels.</summary>
internal sealed class RandomValue(Random random)
{
    private const string Alphabet = "aZ09 _-.&<>\"'\t\n\r]]>ü中€\U0001F600";

    public object? Next(int depth) => random.Next(depth < 4 ? 14 : 11) switch
    {
        0 => Text(),
        1 => random.Next(),
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        3 => random.Next(2) == 0,
        4 => FiniteDouble(),
        5 => Bytes(),
        6 => new ReadOnlyMemory<byte>(Bytes()),
        7 => Time(),
        8 => new DateTimeOffset(Time(DateTimeKind.Unspecified), TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1))),
        9 => null,
        10 => random.Next(-5, 5),
        11 => Enumerable.Range(0, random.Next(0, 5)).Select(_ => Next(depth + 1)).ToArray(),
        12 => Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.NextInt64(-10, 10)).ToList(),
        _ => Enumerable.Range(0, random.Next(0, 5)).Select(i => (Key: $"{Text()}#{i}", Value: Next(depth + 1)))
            .ToDictionary(m => m.Key, m => m.Value),
    };

    private string Text()
    {
        var text = new StringBuilder();
        var length = random.Next(0, 12);
        while (text.Length < length)
        {
            var at = random.Next(Alphabet.Length);
            text.Append(char.IsSurrogate(Alphabet[at]) ? "\U0001F600" : Alphabet[at].ToString());
        }

        return text.ToString();
    }

    private double FiniteDouble()
    {
        while (true)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(value))
            {
                return value;
            }
        }
    }

    private byte[] Bytes()
    {
        var bytes = new byte[random.Next(0, 100)];
        random.NextBytes(bytes);
        return bytes;
    }

    private DateTime Time(DateTimeKind? kind = null)
    {
        var ticks = random.NextInt64(TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
        if (random.Next(2) == 0)
        {
            ticks -= ticks % TimeSpan.TicksPerSecond;
        }

        return new DateTime(ticks, kind ?? (random.Next(2) == 0 ? DateTimeKind.Unspecified : DateTimeKind.Utc));
    }
}
