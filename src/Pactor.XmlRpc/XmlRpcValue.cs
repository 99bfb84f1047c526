namespace Pactor.XmlRpc;

/// <summary>
/// Typed views of values returned by <see cref="XmlRpcResponseReader"/>; a value of another type is an
/// <see cref="XmlRpcFormatException"/> ("expected i8, got string"), never an InvalidCastException.
/// </summary>
public static class XmlRpcValue
{
    public static long AsInt64(object? value) => value switch
    {
        long number => number,
        int number => number,
        _ => throw Mismatch("i8", value),
    };

    public static int AsInt32(object? value)
    {
        var number = AsInt64(value);
        return number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new XmlRpcFormatException($"Unexpected XML-RPC value: expected i4, got {number}, which is out of range.");
    }

    public static string AsString(object? value) => value as string ?? throw Mismatch("string", value);

    /// <summary>Accepts <c>&lt;boolean&gt;</c> and integers 0/1: rtorrent answers i8 0/1 for flags such as <c>d.complete</c>.</summary>
    public static bool AsBoolean(object? value) => value switch
    {
        bool flag => flag,
        long or int when AsInt64(value) is 0 or 1 => AsInt64(value) == 1,
        _ => throw Mismatch("boolean (or 0/1)", value),
    };

    public static double AsDouble(object? value) => value is double number ? number : throw Mismatch("double", value);

    public static byte[] AsBytes(object? value) => value as byte[] ?? throw Mismatch("base64", value);

    public static DateTime AsDateTime(object? value) => value is DateTime time ? time : throw Mismatch("dateTime.iso8601", value);

    public static object?[] AsArray(object? value) => value as object?[] ?? throw Mismatch("array", value);

    public static IReadOnlyDictionary<string, object?> AsStruct(object? value) =>
        value as IReadOnlyDictionary<string, object?> ?? throw Mismatch("struct", value);

    /// <summary>The member <paramref name="name"/> of a struct value.</summary>
    public static object? GetMember(object? structValue, string name) =>
        AsStruct(structValue).TryGetValue(name, out var member)
            ? member
            : throw new XmlRpcFormatException($"Unexpected XML-RPC value: the struct has no member '{name}'.");

    /// <summary>
    /// One element of a <c>system.multicall</c> result: a one-element array holding the sub-call's value,
    /// or a <c>{faultCode, faultString}</c> struct, which is thrown as <see cref="XmlRpcFaultException"/>.
    /// </summary>
    public static object? UnwrapMulticall(object? item)
    {
        switch (item)
        {
            case object?[] { Length: 1 } wrapped:
                return wrapped[0];
            case IReadOnlyDictionary<string, object?> fault
                when fault.TryGetValue("faultCode", out var code) && fault.TryGetValue("faultString", out var text):
                throw new XmlRpcFaultException(AsInt32(code), AsString(text));
            default:
                throw Mismatch("a one-element array or a fault struct (system.multicall result)", item);
        }
    }

    /// <summary>The XML-RPC name of the type a decoded value came from.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "nil",
        string => "string",
        long or int => "i8",
        bool => "boolean",
        double => "double",
        byte[] => "base64",
        DateTime => "dateTime.iso8601",
        object?[] => "array",
        IReadOnlyDictionary<string, object?> => "struct",
        _ => value.GetType().Name,
    };

    private static XmlRpcFormatException Mismatch(string expected, object? value)
    {
        var got = value switch
        {
            object?[] array => $"array of {array.Length}",
            string or long or int or bool or double => $"{TypeName(value)} {Render(value)}",
            _ => TypeName(value),
        };
        return new XmlRpcFormatException($"Unexpected XML-RPC value: expected {expected}, got {got}.");
    }

    private static string Render(object value) => value switch
    {
        string text => $"'{XmlRpcXmlCursor.Shorten(text)}'",
        bool flag => flag ? "1" : "0",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Empty,
    };
}
