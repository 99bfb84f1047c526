using System.Globalization;

namespace Pactor.EndToEnd.Tests.Fixtures.Mirror;

/// <summary>
/// One request <see cref="StaticMirrorServer"/> saw. <see cref="StatusCode"/> is 0 when no answer was sent
/// (a stall the client gave up on); <see cref="ContentLength"/> is what the response headers announced.
/// </summary>
public sealed record MirrorRequest(
    string Method,
    string Path,
    int StatusCode,
    long? ContentLength,
    string? Range,
    string? IfModifiedSince,
    string? UserAgent,
    MirrorBehaviorKind Behavior,
    TimeSpan Duration,
    bool Aborted)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>A package archive itself: <c>*.pkg.tar[.EXT]</c>, not its <c>.sig</c> or <c>.torrent</c>.</summary>
    public bool IsPackage => MirrorFileNames.IsPackage(Path);

    public bool IsDatabase => MirrorFileNames.IsDatabase(Path);

    public bool IsTorrent => MirrorFileNames.IsTorrent(Path);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Method} {Path} -> {(StatusCode == 0 ? "no answer" : StatusCode)} {ContentLength?.ToString(CultureInfo.InvariantCulture) ?? "-"} B in {Duration.TotalMilliseconds:0} ms [{Behavior}{(Aborted ? ", aborted by client" : string.Empty)}] Range={Range ?? "-"} If-Modified-Since={IfModifiedSince ?? "-"} UA={UserAgent ?? "-"}");
}
