using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Pactor.Hosting;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary>
/// <c>pactor serve</c>: the mirror pacman talks to. Flags win over environment variables
/// (<c>Pactor__Upstreams__0</c>), which win over the <c>--config</c> file; invalid settings are
/// refused before anything listens, one <c>pactor: …</c> line each, exit code 1.
/// </summary>
public static class ServeCommand
{
    public static Command Build(CliConsole console)
    {
        var listen = new Option<string?>("--listen") { Description = $"Address to serve on (default {ServeOptions.DefaultListen}).", HelpName = "URL" };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache directory (default /var/cache/pactor as root, else $XDG_CACHE_HOME/pactor or ~/.cache/pactor).", HelpName = "DIR" };
        var upstream = new Option<string[]>("--upstream") { Description = "Upstream mirror, as in pacman's mirrorlist (http://mirror/$repo/os/$arch); repeatable, tried in order. Default: the Server lines of the mirror list.", HelpName = "URL" };
        var torrentSource = new Option<string[]>("--torrent-source") { Description = "Where FILE.torrent is published; repeatable (default: the upstreams).", HelpName = "URL" };
        var rtorrent = new Option<string?>("--rtorrent") { Description = "rtorrent's XML-RPC endpoint: scgi://HOST:PORT, scgi:///SOCKET or http(s)://HOST/RPC2.", HelpName = "ENDPOINT" };
        var hedgeAfter = new Option<string?>("--hedge-after") { Description = "How long a package request waits for the swarm before it is redirected upstream (default 5s; pacman gives up after 10 s).", HelpName = "DURATION" };
        var mirrorList = new Option<string?>("--mirrorlist") { Description = $"pacman's mirror list, read when no upstream is given (default {ServeOptions.DefaultMirrorList}).", HelpName = "FILE" };
        var accelRedirect = new Option<string?>("--accel-redirect") { Description = "Behind nginx: answer files with X-Accel-Redirect to this internal location over the cache directory (e.g. /_pactor/), so nginx sends them.", HelpName = "PREFIX" };
        var accessLogSocket = new Option<string?>("--access-log-socket") { Description = "Behind nginx serving cache hits from CACHE/public itself: listen on this unix datagram socket for nginx's access log of them (access_log syslog:server=unix:PATH), so they count in status, metrics and eviction.", HelpName = "PATH" };
        var cacheMaxSize = new Option<string?>("--cache-max-size") { Description = "Evict the least recently requested packages while the verified packages take more than this (e.g. 20G; default: no limit). Packages no longer in their repo database go first.", HelpName = "SIZE" };
        var cacheMaxAge = new Option<string?>("--cache-max-age") { Description = "Evict packages not requested for this long (e.g. 30d; default: kept however old).", HelpName = "DURATION" };
        var root = new Option<string?>("--root") { Description = "Origin mode: serve this mirror tree (ROOT/$repo/os/$arch/, with the .torrent files of pactor seed) read-only instead of mirroring; no upstream or torrent client.", HelpName = "DIR" };
        var tracker = new Option<bool>("--tracker") { Description = "Also be a BitTorrent tracker: /announce and /scrape; peers kept across restarts in CACHE/tracker/." };
        var trackerInterval = new Option<string?>("--tracker-interval") { Description = "Announce interval the tracker asks for (default 30m, as opentracker; rtorrent announces every 10 min at most anyway). Peers stay listed for twice that, at least 45 min, plus 5 min.", HelpName = "DURATION" };
        var trackerWhitelist = new Option<string?>("--tracker-whitelist") { Description = "Track only the info hashes in this file (one 40-hex hash a line, as pactor seed --whitelist writes it); re-read when it changes.", HelpName = "FILE" };
        var config = new Option<string?>("--config") { Description = "JSON settings file (section \"Pactor\"); flags and environment variables win over it.", HelpName = "FILE" };

        var command = new Command("serve", "Serve pacman as a mirror: packages from the swarm, verified against the repo database.")
        {
            listen, cacheDir, upstream, torrentSource, rtorrent, hedgeAfter, mirrorList, cacheMaxSize, cacheMaxAge, accelRedirect, accessLogSocket, root, tracker, trackerInterval, trackerWhitelist, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Set(flags, SettingKeys.Listen, parse.GetValue(listen));
            Set(flags, SettingKeys.CacheDirectory, parse.GetValue(cacheDir));
            Set(flags, SettingKeys.RTorrent, parse.GetValue(rtorrent));
            Set(flags, SettingKeys.HedgeAfter, parse.GetValue(hedgeAfter));
            Set(flags, SettingKeys.MirrorList, parse.GetValue(mirrorList));
            Set(flags, SettingKeys.CacheMaxSize, parse.GetValue(cacheMaxSize));
            Set(flags, SettingKeys.CacheMaxAge, parse.GetValue(cacheMaxAge));
            Set(flags, SettingKeys.AccelRedirect, parse.GetValue(accelRedirect));
            Set(flags, SettingKeys.AccessLogSocket, parse.GetValue(accessLogSocket));
            Set(flags, SettingKeys.Root, parse.GetValue(root));
            Set(flags, SettingKeys.Tracker, parse.GetValue(tracker) ? "true" : null);
            Set(flags, SettingKeys.TrackerInterval, parse.GetValue(trackerInterval));
            Set(flags, SettingKeys.TrackerWhitelist, parse.GetValue(trackerWhitelist));
            SetList(flags, SettingKeys.Upstreams, parse.GetValue(upstream));
            SetList(flags, SettingKeys.TorrentSources, parse.GetValue(torrentSource));
            var settings = new MirrorAppSettings
            {
                ConfigFile = parse.GetValue(config),
                Environment = Environment.GetEnvironmentVariables(),
                Flags = flags,
            };
            return await RunAsync(console, settings, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, MirrorAppSettings settings, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = MirrorApp.Build(settings);
        }
        catch (PactorStartupException e)
        {
            return await RefuseAsync(console, e);
        }

        await using (app)
        {
            try
            {
                MirrorApp.Prepare(app.Services);
            }
            catch (PactorStartupException e)
            {
                return await RefuseAsync(console, e);
            }

            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                // Kestrel could not bind (the address is in use or not ours); the host has logged the details.
                await console.Error.WriteLineAsync($"pactor: {SettingKeys.Describe(SettingKeys.Listen)}: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (RTorrentException e)
            {
                // pactor's own rtorrent did not start (not installed, or it exits at once; its log is named).
                await console.Error.WriteLineAsync($"pactor: {e.Message}");
                return ExitCodes.BadInput;
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> RefuseAsync(CliConsole console, PactorStartupException e)
    {
        foreach (var problem in e.Problems)
        {
            await console.Error.WriteLineAsync($"pactor: {problem}");
        }

        return ExitCodes.BadInput;
    }

    private static void Set(Dictionary<string, string?> flags, string key, string? value)
    {
        if (value is not null)
        {
            flags[key] = value;
        }
    }

    private static void SetList(Dictionary<string, string?> flags, string key, string[]? values)
    {
        for (var i = 0; values is not null && i < values.Length; i++)
        {
            flags[$"{key}:{i}"] = values[i];
        }
    }
}
