using System.CommandLine;
using Pactor.Bencode;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary><c>pactor rtorrent add FILE.torrent --dir DIR</c>: load, place, start, and optionally wait for completion.</summary>
public static class RTorrentAddCommand
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<string>("FILE.torrent") { Description = "The torrent to load." };
        var dir = new Option<string>("--dir", "-d") { Description = "Directory the data goes in (created if missing).", HelpName = "DIR", Required = true };
        var label = new Option<string?>("--label") { Description = "Label (d.custom1) to tag the download with.", HelpName = "TEXT" };
        var wait = new Option<bool>("--wait", "-w") { Description = "Show progress until the download is complete." };
        var endpoint = RTorrentCommands.EndpointOption();
        var timeout = RTorrentCommands.TimeoutOption();
        var command = new Command("add", "Load a torrent into rtorrent and start it.") { file, dir, label, wait, endpoint, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var bytes = ReadTorrent(path);
            var directory = Path.GetFullPath(parse.GetValue(dir)!);
            var (client, _) = RTorrentCommands.Connect(parse.GetValue(endpoint)!, parse.GetValue(timeout));
            var options = new TorrentLoadOptions { Directory = directory, Label = parse.GetValue(label) };
            string hash;
            try
            {
                hash = await RTorrentCommands.CallAsync(() => client.LoadAsync(bytes, options, cancellationToken));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{directory}: {e.Message}", e);
            }

            await console.Out.WriteLineAsync($"{path}: loaded as {hash} into {directory}");
            if (parse.GetValue(wait))
            {
                await new DownloadProgressView(console, client, TimeProvider.System).WaitForCompletionAsync(hash, cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static byte[] ReadTorrent(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            Metainfo.Parse(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file", e);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: {e.Message}", e);
        }
    }
}
