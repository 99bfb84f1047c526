using System.CommandLine;
using System.Globalization;
using Pactor.Core.Swarm;
using Pactor.Demo;
using Pactor.Hosting;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary>
/// <c>pactor demo</c>: pactor working on one machine, on loopback, in a temporary folder: a sample repository, a
/// seedbox (origin, tracker, rtorrent) and a client (<c>pactor serve</c> with its own rtorrent) that pacman can use.
/// Shows each download and request until Ctrl-C, then stops everything and deletes the folder.
/// </summary>
public static class DemoCommand
{
    public const string ReadyLine = "ready:";

    private const long MaxSize = 256L * 1024 * 1024;

    public static Command Build(CliConsole console)
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Where the client pactor serves pacman.",
            HelpName = "URL",
            DefaultValueFactory = _ => ServeOptions.DefaultListen,
        };
        var packages = new Option<int>("--packages") { Description = "How many sample packages.", HelpName = "N", DefaultValueFactory = _ => 3 };
        var size = new Option<string>("--size") { Description = "Size of each sample package (e.g. 512K, 16M).", HelpName = "SIZE", DefaultValueFactory = _ => "4M" };
        var command = new Command("demo", "See pactor work on this machine: a sample repository, a seedbox and a client on loopback, until Ctrl-C.")
        {
            listen, packages, size,
        };
        packages.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 20)
            {
                result.AddError("--packages must be from 1 to 20");
            }
        });
        size.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>() ?? "";
            if (ByteSizeArgument.TryParse(text) is not (>= 1 and <= MaxSize))
            {
                result.AddError($"--size '{text}': expected a size from 1 to 256M (e.g. 4M)");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, parse.GetValue(listen)!, parse.GetValue(packages), ByteSizeArgument.TryParse(parse.GetValue(size)!)!.Value, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, string listen, int packages, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (ListenAddress.TryParse(listen, out var error) is null)
        {
            throw new CliException($"--listen: {error}");
        }

        var session = DemoSession.Create(TimeProvider.System);
        try
        {
            await StartAsync(console, session, listen, packages, size, cancellationToken);
            await DemoInstructions.PrintAsync(console, session);
            await console.Out.WriteLineAsync($"{ReadyLine} showing downloads and requests; Ctrl-C stops the demo and removes {session.Directory}");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Client.Stopping);
            await new DemoActivityView(console, session.Client.Activity, session.Client.Downloads, TimeProvider.System).RunAsync(stop.Token);
            await console.Out.WriteLineAsync("stopping");
        }
        catch (PactorStartupException e)
        {
            foreach (var problem in e.Problems)
            {
                await console.Error.WriteLineAsync($"pactor: {problem}");
            }

            return ExitCodes.BadInput;
        }
        finally
        {
            await session.DisposeAsync();
        }

        await console.Out.WriteLineAsync($"stopped; removed {session.Directory}");
        return ExitCodes.Ok;
    }

    private static async Task StartAsync(CliConsole console, DemoSession session, string listen, int packages, long size, CancellationToken cancellationToken)
    {
        try
        {
            var repository = await session.BuildRepositoryAsync(packages, size, cancellationToken);
            await console.Out.WriteLineAsync($"sample repository '{repository.Name}' in {repository.Folder}:");
            foreach (var package in repository.Packages)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {package.Name} {package.Version}  {ByteSize.Format(package.CompressedSize)}  sha256 {package.Sha256}"));
            }

            var seedbox = await session.StartSeedboxAsync(cancellationToken);
            await console.Out.WriteLineAsync(
                $"seedbox: origin and tracker on {seedbox.OriginUrl}, rtorrent on {DemoSeedbox.Address} seeding {repository.Packages.Count} packages");
            var client = await session.StartClientAsync(listen, cancellationToken);
            await console.Out.WriteLineAsync($"client:  pactor on {client.Url}, its rtorrent on {DemoClient.RTorrentAddress}");
        }
        catch (Exception e) when (e is RTorrentException or TorrentClientException)
        {
            // rtorrent is not installed, or exited at once (its log is named), or stopped answering.
            throw new CliException(e.Message, e);
        }
    }
}
