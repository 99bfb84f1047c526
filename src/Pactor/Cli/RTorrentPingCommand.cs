using System.CommandLine;

namespace Pactor.Cli;

/// <summary><c>pactor rtorrent ping</c>: is rtorrent there, and which version.</summary>
public static class RTorrentPingCommand
{
    public static Command Build(CliConsole console)
    {
        var endpoint = RTorrentCommands.EndpointOption();
        var timeout = RTorrentCommands.TimeoutOption();
        var command = new Command("ping", "Print rtorrent's client and library version.") { endpoint, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (client, at) = RTorrentCommands.Connect(parse.GetValue(endpoint)!, parse.GetValue(timeout));
            var version = await RTorrentCommands.CallAsync(() => client.GetVersionAsync(cancellationToken));
            await console.Out.WriteLineAsync($"rtorrent {version.Client} (libtorrent {version.Library}) at {at}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
