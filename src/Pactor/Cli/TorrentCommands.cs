using System.CommandLine;

namespace Pactor.Cli;

/// <summary><c>pactor torrent create|info</c>.</summary>
public static class TorrentCommands
{
    public static Command Build(CliConsole console) => new("torrent", "Create and inspect .torrent files.")
    {
        TorrentCreateCommand.Build(console),
        TorrentInfoCommand.Build(console),
    };
}
