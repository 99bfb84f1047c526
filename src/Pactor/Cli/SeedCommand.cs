using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Pactor.Core.Seeding;
using Pactor.Core.Upstreams;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary>
/// <c>pactor seed ROOT --announce URL</c>: a torrent next to every package of a mirror tree, optionally seeded in
/// place by an rtorrent and listed in opentracker's whitelist, once or (<c>--watch</c>) as the tree changes.
/// </summary>
public static partial class SeedCommand
{
    public static Command Build(CliConsole console)
    {
        var root = new Argument<string>("ROOT") { Description = "Mirror tree: ROOT/{repo}/os/{arch}/*.pkg.tar.*" };
        var announce = new Option<string[]>("--announce", "-a")
        {
            Description = "Tracker announce URL written into every torrent; repeat for more trackers.",
            HelpName = "URL",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var rtorrent = new Option<string?>("--rtorrent", "-r")
        {
            Description = "Seedbox rtorrent (scgi://HOST:PORT, scgi:///path.sock, http(s)://host/RPC2): seeds each package in place.",
            HelpName = "ENDPOINT",
        };
        var whitelist = new Option<string?>("--whitelist") { Description = "Keep this opentracker whitelist (-w) listing the published info hashes.", HelpName = "FILE" };
        var trackerPid = new Option<int?>("--tracker-pid") { Description = "Send SIGHUP to this opentracker when the whitelist changes.", HelpName = "PID" };
        var watch = new Option<bool>("--watch") { Description = "Keep running: publish and seed new packages, drop removed ones, re-announce when a tracker lost this seedbox (Ctrl-C stops)." };
        var webSeed = new Option<string?>("--web-seed") { Description = "HTTP mirror of the tree for web seeding (BEP 19), e.g. http://host/$repo/os/$arch.", HelpName = "URL" };
        var label = new Option<string>("--label")
        {
            Description = "Label (d.custom1) of the downloads this command loads; only those are ever erased.",
            HelpName = "TEXT",
            DefaultValueFactory = _ => SeedOptions.DefaultLabel,
        };
        var timeout = RTorrentCommands.TimeoutOption();
        var command = new Command("seed", "Publish a torrent for every package of a mirror tree and seed them.")
        {
            root, announce, rtorrent, whitelist, trackerPid, watch, webSeed, label, timeout,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(trackerPid) is not null && result.GetValue(whitelist) is null)
            {
                result.AddError("--tracker-pid needs --whitelist");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var pid = parse.GetValue(trackerPid);
            var options = new SeedOptions
            {
                Root = CheckRoot(parse.GetValue(root)!),
                Announce = UrlArguments.Validate("--announce", parse.GetValue(announce), allowUdp: true),
                WebSeed = ParseWebSeed(parse.GetValue(webSeed)),
                Label = CheckLabel(parse.GetValue(label)!),
                WhitelistPath = parse.GetValue(whitelist) is { } path ? Path.GetFullPath(path) : null,
                WhitelistChanged = pid is { } tracker ? _ => ReloadAsync(tracker) : null,
            };
            // Retries ride out a busy rtorrent during a long run; an rtorrent that is not there still fails in ~2 s.
            var client = parse.GetValue(rtorrent) is { } endpoint
                ? new RTorrentSeedingClient(RTorrentCommands.Connect(endpoint, parse.GetValue(timeout), retry: true).Client)
                : null;
            var run = new SeedRun(options, client, TimeProvider.System, NullLogger<SeedRun>.Instance);
            var view = new SeedProgressView(console, SeedProgressView.IsTerminal(console));
            using var http = new HttpClient();
            var presence = client is null ? null : new SeederPresence(client, new HttpTrackerScraper(http), TimeProvider.System, NullLogger<SeederPresence>.Instance);
            return parse.GetValue(watch)
                ? await WatchAsync(console, run, presence, view, cancellationToken)
                : await RunOnceAsync(console, run, view, cancellationToken);
        });
        return command;
    }

    private static string CheckRoot(string root)
    {
        if (File.Exists(root))
        {
            throw new CliException($"{root}: not a directory");
        }

        return Directory.Exists(root)
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(root))
            : throw new CliException($"{root}: no such directory");
    }

    private static MirrorUrlTemplate? ParseWebSeed(string? text) =>
        text is null ? null : MirrorUrlTemplate.TryParse(text, out var error) ?? throw new CliException($"--web-seed: {error}");

    private static string CheckLabel(string label) =>
        label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? label
            : throw new CliException($"--label '{label}': letters, digits, '-', '_' and '.' only");

    private static Task ReloadAsync(int pid)
    {
        TrackerSignal.Reload(pid);
        return Task.CompletedTask;
    }
}
