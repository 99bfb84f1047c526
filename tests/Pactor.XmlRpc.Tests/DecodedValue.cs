using System.Collections;

namespace Pactor.XmlRpc.Tests;

/// <summary>What a value given to the writer must look like after the reader decoded it, and deep comparison.</summary>
internal static class DecodedValue
{
    public static object? Expected(object? written) => written switch
    {
        null or string or long or bool or double or byte[] => written,
        int number => (long)number,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        DateTime { Kind: DateTimeKind.Unspecified } time => time,
        DateTime time => time.ToUniversalTime(),
        DateTimeOffset time => time.UtcDateTime,
        IReadOnlyDictionary<string, object?> members => members.ToDictionary(m => m.Key, m => Expected(m.Value)),
        IDictionary<string, object?> members => members.ToDictionary(m => m.Key, m => Expected(m.Value)),
        IEnumerable items => items.Cast<object?>().Select(Expected).ToArray(),
        _ => throw new ArgumentException($"not a writable value: {written.GetType()}"),
    };

    public static void AssertEqual(object? expected, object? actual, string path = "value")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected nil, got {actual}");
                break;
            case object?[] items:
                var actualItems = Assert.IsType<object?[]>(actual);
                Assert.True(items.Length == actualItems.Length, $"{path}: expected {items.Length} items, got {actualItems.Length}");
                for (var i = 0; i < items.Length; i++)
                {
                    AssertEqual(items[i], actualItems[i], $"{path}[{i}]");
                }

                break;
            case IReadOnlyDictionary<string, object?> members:
                var actualMembers = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
                Assert.Equal(members.Keys.Order(StringComparer.Ordinal), actualMembers.Keys.Order(StringComparer.Ordinal));
                foreach (var (name, value) in members)
                {
                    AssertEqual(value, actualMembers[name], $"{path}.{name}");
                }

                break;
            case DateTime time:
                var actualTime = Assert.IsType<DateTime>(actual);
                Assert.True(time.Ticks == actualTime.Ticks && time.Kind == actualTime.Kind, $"{path}: expected {time:O} ({time.Kind}), got {actualTime:O} ({actualTime.Kind})");
                break;
            case double number:
                Assert.True(actual is double d && BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(number), $"{path}: expected {number:R}, got {actual}");
                break;
            default:
                Assert.True(expected.GetType() == actual?.GetType(), $"{path}: expected a {expected.GetType().Name}, got {actual?.GetType().Name ?? "nil"}");
                Assert.Equal(expected, actual);
                break;
        }
    }
}
