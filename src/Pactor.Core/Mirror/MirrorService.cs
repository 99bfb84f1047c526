using Pactor.Core.Paths;

namespace Pactor.Core.Mirror;

/// <summary>The mirror's one entry point: packages from the swarm, everything else copied from upstream.</summary>
public sealed class MirrorService(PackageService packages, UpstreamCopyService copies)
{
    public Task<MirrorResult> GetAsync(MirrorFile file, CancellationToken cancellationToken) => file.Kind switch
    {
        MirrorFileKind.Package => packages.GetAsync(file, cancellationToken),
        MirrorFileKind.Database or MirrorFileKind.DatabaseSignature or MirrorFileKind.PackageSignature => copies.GetAsync(file, cancellationToken),
        _ => Task.FromResult<MirrorResult>(new MirrorResult.NotFound("not served by this mirror")),
    };
}
