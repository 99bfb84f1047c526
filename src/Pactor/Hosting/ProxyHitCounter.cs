using Microsoft.Extensions.Logging;
using Pactor.Core.Paths;
using Pactor.Core.Store;

namespace Pactor.Hosting;

/// <summary>
/// Counts a hit nginx answered itself from the public tree, from one datagram of its access log: like a hit pactor
/// answered (status page, metrics) and as the package's last request time, which least-recently-requested eviction
/// goes by. <see cref="ProxyAccessLogService"/> receives the datagrams.
/// </summary>
public sealed partial class ProxyHitCounter(MirrorRequestLog requests, RequestRecency recency, ILogger<ProxyHitCounter> logger)
{
    private int refused;

    /// <summary>Counts one datagram; false (and nothing counted) when it is not a hit on a mirror path.</summary>
    public bool Record(ReadOnlySpan<byte> datagram)
    {
        if (ProxyAccessLine.Parse(datagram) is not { } line || FileOf(line.Path) is not { } file)
        {
            // The first one is worth a warning (a log_format other than README's); a stream of them is not.
            if (Interlocked.Increment(ref refused) == 1)
            {
                LogRefused(datagram.Length);
            }

            return false;
        }

        requests.ServedByProxy(line, file);
        if (file.Kind == MirrorFileKind.Package && line.Status is 200 or 206 or 304)
        {
            recency.Record(file);
        }

        return true;
    }

    // /{repo}/os/{arch}/{file} or /{repo}/{arch}/{file}, by the same rules as pactor's own routes.
    private static MirrorFile? FileOf(string path) => path.Split('/') switch
    {
        ["", var repo, "os", var arch, var file] when MirrorPath.IsValid(repo, arch, file) => MirrorPath.TryParse(repo, arch, file),
        ["", var repo, var arch, var file] when MirrorPath.IsValid(repo, arch, file) => MirrorPath.TryParse(repo, arch, file),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a {Bytes}-byte datagram on the access log socket: not nginx's pactor_hit format (README, \"Behind nginx\"); later ones are ignored silently")]
    private partial void LogRefused(int bytes);
}
