using System.Globalization;

namespace Pactor.Bencode;

public sealed class BInteger(long value) : BValue
{
    public long Value { get; } = value;

    public override bool Equals(object? obj) => obj is BInteger other && other.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
