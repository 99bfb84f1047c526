using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pactor.Cli;
using Pactor.Hosting;

namespace Pactor.Demo;

/// <summary>
/// Starts one in-process <c>pactor serve</c> for the demo, built exactly as the command builds it from its settings,
/// logging only warnings (the demo prints its own lines). Settings come only from <paramref name="flags"/>: no
/// environment, no config file, never the machine's mirror list.
/// </summary>
internal static class DemoWebApp
{
    /// <exception cref="PactorStartupException">A setting is refused (one line each).</exception>
    /// <exception cref="CliException">The address is taken (<paramref name="what"/> names it in the line).</exception>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(string what, Dictionary<string, string?> flags, string scratch, CancellationToken cancellationToken)
    {
        flags[SettingKeys.MirrorList] = Path.Combine(scratch, "no-mirrorlist");
        var app = MirrorApp.Build(new MirrorAppSettings { Flags = flags }, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            MirrorApp.Prepare(app.Services);
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            // Kestrel could not bind: the address is in use or not this machine's.
            await app.DisposeAsync();
            throw new CliException($"{what}: {e.Message}", e);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address));
    }
}
