using Pactor.Cli;

namespace Pactor.Demo;

/// <summary>How to use a running demo: pacman.conf lines, a pacman command with the demo's own pacman.conf, a curl command.</summary>
internal static class DemoInstructions
{
    public static async Task PrintAsync(CliConsole console, DemoSession session)
    {
        var first = session.Repository.Packages[0];
        var other = session.Repository.Packages[^1];
        await console.Out.WriteLineAsync($"""

            To use it from pacman, add to pacman.conf:

            {Indent(session.Pacman.RepositorySection)}

            or download a package with the demo's own pacman.conf (as root; it touches no system file):

                {session.Pacman.DownloadCommand(other.Name)}

            or fetch one with curl:

                curl -L -o /dev/null {session.PackageUrl(first)}

            """.ReplaceLineEndings("\n"));
    }

    private static string Indent(string lines) => string.Join('\n', lines.ReplaceLineEndings("\n").Split('\n').Select(line => "    " + line));
}
