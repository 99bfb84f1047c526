using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pactor.Core.Seeding;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary>
/// <c>pactor seed ROOT --announce URL</c>: a torrent next to every package of a mirror tree, optionally seeded in
/// place by an rtorrent and listed in opentracker's whitelist, once or (<c>--watch</c>) as the tree changes.
/// </summary>
public static class SeedCommand
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
        var watch = new Option<bool>("--watch") { Description = "Keep running: publish and seed new packages, drop removed ones (Ctrl-C stops)." };
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
            var client = parse.GetValue(rtorrent) is { } endpoint ? Connect(endpoint, parse.GetValue(timeout)) : null;
            var run = new SeedRun(options, client, TimeProvider.System, NullLogger<SeedRun>.Instance);
            var view = new SeedProgressView(console, SeedProgressView.IsTerminal(console));
            return parse.GetValue(watch)
                ? await WatchAsync(console, run, view, cancellationToken)
                : await RunOnceAsync(console, run, view, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunOnceAsync(CliConsole console, SeedRun run, SeedProgressView view, CancellationToken cancellationToken)
    {
        var report = await ScanAsync(run, view, cancellationToken);
        return await PrintAsync(console, run.Options, report, quietWhenIdle: false) ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static async Task<int> WatchAsync(CliConsole console, SeedRun run, SeedProgressView view, CancellationToken cancellationToken)
    {
        await console.Out.WriteLineAsync($"watching {run.Options.Root} (Ctrl-C to stop)");
        var first = true;
        try
        {
            await new SeedWatcher(run.Options.Root, new SeedWatchOptions(), TimeProvider.System).RunAsync(async token =>
            {
                try
                {
                    await PrintAsync(console, run.Options, await ScanAsync(run, view, token), quietWhenIdle: !first);
                }
                catch (CliException e) when (!first && e.InnerException is TorrentClientException or IOException or UnauthorizedAccessException)
                {
                    // rtorrent restarting, a sync moving folders: said once per scan, tried again at the next one.
                    // The first scan fails the command instead: that is a wrong endpoint or path, not a passing fault.
                    await console.Error.WriteLineAsync($"pactor: {e.Message} (trying again at the next scan)");
                }

                first = false;
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            view.Finish();
            await console.Out.WriteLineAsync("stopped");
        }

        return ExitCodes.Ok;
    }

    /// <summary>One run; what stops it becomes one line (<see cref="CliException"/>).</summary>
    private static async Task<SeedReport> ScanAsync(SeedRun run, SeedProgressView view, CancellationToken cancellationToken)
    {
        try
        {
            return await run.RunAsync(view, cancellationToken);
        }
        catch (Exception e) when (e is TorrentClientException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message, e);
        }
        finally
        {
            view.Finish();
        }
    }

    /// <returns>False when a file failed.</returns>
    private static async Task<bool> PrintAsync(CliConsole console, SeedOptions options, SeedReport report, bool quietWhenIdle)
    {
        foreach (var skipped in report.Skipped)
        {
            await console.Error.WriteLineAsync($"pactor: warning: {skipped}");
        }

        foreach (var problem in report.Problems)
        {
            await console.Error.WriteLineAsync($"pactor: {problem}");
        }

        if (report.NothingDone)
        {
            if (!quietWhenIdle)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"nothing to do: {report.Unchanged} torrents up to date"));
            }
        }
        else
        {
            var whitelist = report.WhitelistChanged ? $"; whitelist {options.WhitelistPath}: {report.Published.Count} hashes" : "";
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{options.Root}: {report.Created} created, {report.Refreshed} refreshed, {report.Removed} removed, " +
                $"{report.Loaded} loaded, {report.Erased} erased, {report.Unchanged} unchanged{whitelist}"));
        }

        return report.Problems.Count == 0;
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

    private static RTorrentSeedingClient Connect(string endpointText, TimeSpan timeout)
    {
        RTorrentEndpoint endpoint;
        try
        {
            endpoint = RTorrentEndpoint.Parse(endpointText);
        }
        catch (FormatException e)
        {
            throw new CliException($"--rtorrent: {e.Message}", e);
        }

        // Retries (the default) ride out a busy rtorrent during a long run; an rtorrent that is not there still fails in ~2 s.
        var options = new RTorrentOptions { Endpoint = endpointText, CallTimeout = timeout };
        return new RTorrentSeedingClient(RTorrentClientFactory.Create(endpoint, options));
    }

    private static Task ReloadAsync(int pid)
    {
        TrackerSignal.Reload(pid);
        return Task.CompletedTask;
    }
}
