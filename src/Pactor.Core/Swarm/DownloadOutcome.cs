namespace Pactor.Core.Swarm;

/// <summary>How a swarm download ended: a verified file, or a reason to fall back.</summary>
public sealed record DownloadOutcome(string? Path, string? FailureReason, bool ClientUnavailable)
{
    public bool Succeeded => Path is not null;

    public static DownloadOutcome Verified(string path) => new(path, null, false);

    public static DownloadOutcome Failed(string reason, bool clientUnavailable = false) => new(null, reason, clientUnavailable);
}
