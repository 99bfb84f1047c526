namespace Pactor.RTorrent;

/// <summary>Info-hash arguments: 40 hex digits, sent upper case as rtorrent reports them.</summary>
internal static class InfoHash
{
    public static string Normalize(string infoHash, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(infoHash, parameterName);
        return infoHash.Length == 40 && infoHash.All(char.IsAsciiHexDigit)
            ? infoHash.ToUpperInvariant()
            : throw new ArgumentException($"'{Shorten(infoHash)}' is not an info hash (40 hex digits)", parameterName);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
