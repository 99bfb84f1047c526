using System.CommandLine;
using System.Text.Json;
using Pactor.Bencode;

namespace Pactor.Cli;

/// <summary><c>pactor torrent info FILE [--json]</c>.</summary>
public static class TorrentInfoCommand
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The .torrent file to read." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("info", "Show what a .torrent file describes.") { file, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var info = TorrentSummary.From(Load(path));
            var text = parse.GetValue(json)
                ? JsonSerializer.Serialize(info, CliJsonContext.Default.TorrentSummary)
                : info.ToText();
            await console.Out.WriteLineAsync(text.AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Metainfo Load(string path)
    {
        try
        {
            return Metainfo.Load(path);
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{path}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file");
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: {e.Message}", e);
        }
    }
}
