using System.Text;

namespace Pactor.Bencode;

/// <summary>Typed access to torrent dictionary fields; every problem becomes a <see cref="MetainfoException"/> naming the field.</summary>
internal static class TorrentFields
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static T Required<T>(BDictionary parent, string key, string where)
        where T : BValue =>
        Optional<T>(parent, key, where) ?? throw Invalid($"'{Join(where, key)}' is missing", parent);

    public static T? Optional<T>(BDictionary parent, string key, string where)
        where T : BValue
    {
        if (!parent.TryGetValue(key, out var value))
        {
            return null;
        }

        return value as T ?? throw Invalid($"'{Join(where, key)}' must be {Describe<T>()}", value);
    }

    public static string? OptionalText(BDictionary parent, string key, string where) => Optional<BString>(parent, key, where)?.Text;

    /// <summary>A name or path segment: strict UTF-8 (a replacement character would name another file) and <see cref="TorrentPathSegment"/> rules.</summary>
    public static string PathSegment(BString value, string where)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(value.Bytes.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw Invalid($"'{where}' is not valid UTF-8", value, e);
        }

        return TorrentPathSegment.Problem(text) is { } problem
            ? throw Invalid($"'{where}' {problem}: \"{Printable(text)}\"", value)
            : text;
    }

    public static T Item<T>(BValue value, string where)
        where T : BValue =>
        value as T ?? throw Invalid($"'{where}' must be {Describe<T>()}", value);

    public static MetainfoException Invalid(string problem, BValue? at, Exception? inner = null) =>
        new(problem, at?.SourceRange?.Start.Value, inner);

    private static string Join(string where, string key) => where.Length == 0 ? key : where + "." + key;

    private static string Describe<T>() => typeof(T).Name switch
    {
        nameof(BString) => "a string",
        nameof(BInteger) => "an integer",
        nameof(BList) => "a list",
        _ => "a dictionary",
    };

    /// <summary>Keeps the message on one line whatever the torrent holds.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Take(100).Select(c => char.IsControl(c) ? '?' : c));
}
