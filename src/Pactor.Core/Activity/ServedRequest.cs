namespace Pactor.Core.Activity;

/// <summary>
/// One answered mirror request. <paramref name="Bytes"/> is the body sent, or for a
/// <see cref="RequestSource.Fallback"/> the size of the package the client was sent to fetch upstream
/// (0 when unknown).
/// </summary>
/// <param name="File">The request path, as on the wire (<c>/core/os/x86_64/zlib-1.3-1-x86_64.pkg.tar.zst</c>).</param>
/// <param name="Kind">What was asked for: <c>package</c>, <c>database</c>, <c>signature</c>, <c>torrent</c> or <c>other</c>.</param>
public sealed record ServedRequest(
    DateTimeOffset At,
    string File,
    string Kind,
    RequestSource Source,
    int Status,
    long Bytes,
    TimeSpan Duration);
