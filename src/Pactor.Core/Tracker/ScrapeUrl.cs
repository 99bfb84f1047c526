namespace Pactor.Core.Tracker;

/// <summary>A tracker's scrape address, by the convention every HTTP tracker follows (BEP 48).</summary>
public static class ScrapeUrl
{
    /// <summary>
    /// <c>http://t/announce</c> → <c>http://t/scrape</c>, <c>…/announce.php?k=1</c> → <c>…/scrape.php?k=1</c>; null
    /// when the last path segment does not start with <c>announce</c> (no scrape) or the tracker is not HTTP.
    /// </summary>
    public static Uri? From(string announce)
    {
        if (!Uri.TryCreate(announce, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var path = url.AbsolutePath;
        var last = path.LastIndexOf('/') + 1;
        if (!path.AsSpan(last).StartsWith("announce", StringComparison.Ordinal))
        {
            return null;
        }

        return new UriBuilder(url) { Path = string.Concat(path.AsSpan(0, last), "scrape", path.AsSpan(last + "announce".Length)) }.Uri;
    }
}
