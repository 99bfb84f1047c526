using System.CommandLine;
using Pactor.Bencode;

namespace Pactor.Cli;

/// <summary><c>pactor torrent create FILE</c>: a deterministic v1 torrent with the package piece-size policy.</summary>
public static class TorrentCreateCommand
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The file (or folder) to describe." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the torrent (default: FILE.torrent).", HelpName = "OUT" };
        var announce = new Option<string[]>("--announce", "-a")
        {
            Description = "Tracker announce URL; repeat for a tier list.",
            HelpName = "URL",
            AllowMultipleArgumentsPerToken = false,
        };
        var webSeeds = new Option<string[]>("--web-seed", "-w") { Description = "Web seed URL (BEP 19); repeatable.", HelpName = "URL" };
        var pieceLength = new Option<int?>("--piece-length", "-l")
        {
            Description = "Piece length in bytes, a power of two (suffixes K and M allowed); default: chosen for >= 32 pieces.",
            HelpName = "BYTES",
            CustomParser = ByteSizeArgument.ParsePieceLength,
        };
        var comment = new Option<string?>("--comment", "-c") { Description = "Free-text comment.", HelpName = "TEXT" };
        var isPrivate = new Option<bool>("--private", "-p") { Description = "Set the private flag (no DHT/PEX)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite OUT if it exists." };

        var command = new Command("create", "Create a .torrent for FILE.")
        {
            file, output, announce, webSeeds, pieceLength, comment, isPrivate, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(file)!;
            var target = parse.GetValue(output) ?? Path.TrimEndingDirectorySeparator(source) + ".torrent";
            var options = new TorrentCreateOptions
            {
                Announce = UrlArguments.Validate("--announce", parse.GetValue(announce), allowUdp: true),
                WebSeeds = UrlArguments.Validate("--web-seed", parse.GetValue(webSeeds), allowUdp: false),
                PieceLength = parse.GetValue(pieceLength),
                Comment = parse.GetValue(comment),
                IsPrivate = parse.GetValue(isPrivate),
            };
            return await RunAsync(console, source, target, options, parse.GetValue(force), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliConsole console, string source, string target, TorrentCreateOptions options, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(source) && !Directory.Exists(source))
        {
            throw new CliException($"{source}: no such file or directory");
        }

        if (File.Exists(target) && !force)
        {
            throw new CliException($"{target}: already exists (use --force to overwrite)");
        }

        byte[] torrent;
        try
        {
            torrent = await TorrentCreator.CreateAsync(source, options, progress: null, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            throw new CliException($"{source}: {e.Message}", e);
        }

        await AtomicFile.WriteAsync(target, torrent, cancellationToken);
        var metainfo = Metainfo.Parse(torrent);
        await console.Out.WriteLineAsync(
            $"{target}: {metainfo.Name}, {metainfo.TotalLength} bytes, {metainfo.PieceCount} pieces of {metainfo.PieceLength}, info hash {metainfo.InfoHash}");
        return ExitCodes.Ok;
    }
}
