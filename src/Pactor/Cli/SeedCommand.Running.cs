using System.Globalization;
using Pactor.Core.Seeding;
using Pactor.Core.Swarm;

namespace Pactor.Cli;

/// <summary><c>pactor seed</c> running: one scan, or a scan per change of the tree (<c>--watch</c>), each reported.</summary>
public static partial class SeedCommand
{
    private static async Task<int> RunOnceAsync(CliConsole console, SeedRun run, SeedProgressView view, CancellationToken cancellationToken)
    {
        var report = await ScanAsync(run, view, cancellationToken);
        return await PrintAsync(console, run.Options, report, quietWhenIdle: false) ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    /// <param name="presence">With <c>--rtorrent</c>: after each scan, keeps the trackers listing this seedbox.</param>
    private static async Task<int> WatchAsync(CliConsole console, SeedRun run, SeederPresence? presence, SeedProgressView view, CancellationToken cancellationToken)
    {
        await console.Out.WriteLineAsync($"watching {run.Options.Root} (Ctrl-C to stop)");
        var first = true;
        try
        {
            await new SeedWatcher(run.Options.Root, new SeedWatchOptions(), TimeProvider.System).RunAsync(async token =>
            {
                try
                {
                    var report = await ScanAsync(run, view, token);
                    await PrintAsync(console, run.Options, report, quietWhenIdle: !first);
                    if (presence is not null)
                    {
                        await CheckPresenceAsync(console, presence, run.Options, report, token);
                    }
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

    private static async Task CheckPresenceAsync(CliConsole console, SeederPresence presence, SeedOptions options, SeedReport report, CancellationToken cancellationToken)
    {
        try
        {
            if (await presence.CheckAsync(options.Announce, report.Published, cancellationToken) is { } done)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"re-announced {done.Announced} torrents: {done.Tracker} listed no seeder for {done.Missing} of {done.Sampled} sampled"));
            }
        }
        catch (TorrentClientException e)
        {
            throw new CliException(e.Message, e);
        }
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
}
