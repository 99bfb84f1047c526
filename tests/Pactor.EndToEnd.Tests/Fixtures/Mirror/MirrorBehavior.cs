namespace Pactor.EndToEnd.Tests.Fixtures.Mirror;

/// <summary>How <see cref="StaticMirrorServer"/> answers the requests a rule matches.</summary>
public sealed record MirrorBehavior
{
    private MirrorBehavior(MirrorBehaviorKind kind, int statusCode = 0, Uri? redirectBase = null, TimeSpan delay = default)
    {
        Kind = kind;
        StatusCode = statusCode;
        RedirectBase = redirectBase;
        Delay = delay;
    }

    public MirrorBehaviorKind Kind { get; }

    public int StatusCode { get; }

    public Uri? RedirectBase { get; }

    public TimeSpan Delay { get; }

    /// <summary>Serve the file from disk (the default).</summary>
    public static MirrorBehavior Serve { get; } = new(MirrorBehaviorKind.Serve);

    /// <summary>Accept the request and never answer, not even a status line, until the client gives up.</summary>
    public static MirrorBehavior Stall { get; } = new(MirrorBehaviorKind.Stall);

    /// <summary>Answer <paramref name="statusCode"/> with an empty body.</summary>
    public static MirrorBehavior Fail(int statusCode = 500) => new(MirrorBehaviorKind.Fail, statusCode);

    /// <summary>Answer <paramref name="statusCode"/> with <c>Location: BASE + request path</c>.</summary>
    public static MirrorBehavior RedirectTo(Uri baseUrl, int statusCode = 307) => new(MirrorBehaviorKind.Redirect, statusCode, baseUrl);

    /// <summary>Wait <paramref name="delay"/> before sending anything, then serve the file.</summary>
    public static MirrorBehavior ServeAfter(TimeSpan delay) => new(MirrorBehaviorKind.ServeAfterDelay, delay: delay);

    /// <summary>Drop the connection without a status line, as a peer that reset it would.</summary>
    public static MirrorBehavior Reset { get; } = new(MirrorBehaviorKind.Reset);
}
