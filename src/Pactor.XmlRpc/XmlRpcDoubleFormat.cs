using System.Globalization;

namespace Pactor.XmlRpc;

internal static class XmlRpcDoubleFormat
{
    // The XML-RPC spec allows only sign, digits and one period: no exponent. "R" gives the
    // shortest round-tripping digits, which are shifted here into plain notation.
    public static string Format(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return shortest.Contains('.', StringComparison.Ordinal) ? shortest : shortest + ".0";
        }

        var negative = shortest[0] == '-';
        var mantissa = shortest[(negative ? 1 : 0)..e];
        var exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = (point < 0 ? mantissa.Length : point) + exponent;
        var plain = integerDigits switch
        {
            <= 0 => "0." + new string('0', -integerDigits) + digits,
            _ when integerDigits >= digits.Length => digits + new string('0', integerDigits - digits.Length) + ".0",
            _ => digits[..integerDigits] + "." + digits[integerDigits..],
        };
        return negative ? "-" + plain : plain;
    }
}
