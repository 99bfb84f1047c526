using System.Globalization;

namespace Pactor.XmlRpc;

/// <summary>Text of a scalar type element to its CLR value; surrounding XML whitespace is ignored.</summary>
internal static class XmlRpcScalar
{
    public const string XmlWhitespace = " \t\r\n";

    public static bool TryParse(string tag, string text, out object? value, out string problem)
    {
        var trimmed = text.AsSpan().Trim(XmlWhitespace);
        problem = string.Empty;
        value = tag switch
        {
            "i4" or "int" => ParseInteger(trimmed, int.MinValue, int.MaxValue),
            "i8" => ParseInteger(trimmed, long.MinValue, long.MaxValue),
            "boolean" => trimmed switch
            {
                "0" => false,
                "1" => true,
                _ => null,
            },
            "double" => ParseDouble(trimmed),
            "base64" => ParseBase64(trimmed),
            "dateTime.iso8601" => XmlRpcDateTime.TryParse(trimmed.ToString(), out var time) ? time : null,
            _ => null,
        };
        if (value is null)
        {
            problem = tag switch
            {
                "boolean" => $"<boolean> must be 0 or 1, found '{Shorten(trimmed)}'",
                "i4" or "int" or "i8" when IsInteger(trimmed) => $"<{tag}> value {Shorten(trimmed)} is out of range",
                _ => $"'{Shorten(trimmed)}' is not a valid <{tag}>",
            };
        }

        return value is not null;
    }

    private static bool IsInteger(ReadOnlySpan<char> text)
    {
        var digits = text is ['+' or '-', .. var rest] ? rest : text;
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static object? ParseInteger(ReadOnlySpan<char> text, long min, long max) =>
        IsInteger(text)
        && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
        && number >= min && number <= max
            ? number
            : null;

    // The spec forbids exponents, but they are unambiguous and some servers send them.
    private static object? ParseDouble(ReadOnlySpan<char> text) =>
        !text.IsEmpty && !text.ContainsAnyExcept("+-.0123456789eE")
        && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number)
            ? number
            : null;

    // Whitespace and line breaks inside base64 (wrapped at 76 columns by many writers) are skipped.
    private static object? ParseBase64(ReadOnlySpan<char> text)
    {
        var bytes = new byte[(text.Length / 4 * 3) + 3];
        return Convert.TryFromBase64Chars(text, bytes, out var written) ? bytes.AsSpan(0, written).ToArray() : null;
    }

    private static string Shorten(ReadOnlySpan<char> text) => XmlRpcXmlCursor.Shorten(text.ToString());
}
