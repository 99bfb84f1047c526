namespace Pactor.Benchmarks;

/// <summary>
/// One package GET of the soak as the client saw it and as its pactor logged it
/// (<c>GET PATH SOURCE STATUS N bytes T ms</c>; a 307 is a fallback, followed to the origin).
/// </summary>
/// <param name="AtSeconds">When the request started, seconds after the clients began.</param>
/// <param name="Kind"><c>new</c> (a package the client did not have), or <c>restart check</c> (one it had, right after its pactor restarted).</param>
/// <param name="Source">swarm, cache or fallback (from pactor's log line); <c>unlogged</c> when no line was found.</param>
/// <param name="Reason">pactor's "Falling back for FILE: REASON", for a fallback.</param>
/// <param name="Diagnosis">For a fallback, right after it: the client's rtorrent on that download and the tracker's counts.</param>
public sealed record SoakRequest(
    int Client,
    double AtSeconds,
    string File,
    long Size,
    string Kind,
    int Status,
    long Bytes,
    double TimeToLastByteMs,
    string Source,
    string? LogLine,
    string? Reason,
    string? Diagnosis);
