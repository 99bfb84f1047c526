using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;

namespace Pactor.Hosting;

/// <summary>
/// pactor serve needs somewhere to copy databases from and to send pacman when the swarm is slow;
/// by now the mirror list has been consulted (<see cref="MirrorOptionsSetup"/>). Origin mode (<c>--root</c>)
/// mirrors nothing and needs none.
/// </summary>
public sealed class UpstreamRequiredValidator(IConfiguration configuration) : IValidateOptions<MirrorOptions>
{
    public ValidateOptionsResult Validate(string? name, MirrorOptions options) => options.Upstreams.Count > 0 || ServeOptions.Read(configuration).IsOrigin
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail(
            $"an upstream is needed: pass --upstream URL (like https://mirror.example/$repo/os/$arch), set {SettingKeys.Upstreams}, "
            + $"or list a Server in {ServeOptions.Read(configuration).MirrorList}");
}
