using System.CommandLine;
using System.Reflection;

namespace Pactor.Cli;

/// <summary>The <c>pactor</c> command tree and its exit-code contract: 0 ok, 1 bad input, 2 usage.</summary>
public static class PactorCommandLine
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("pactor: pacman packages over BitTorrent, through rtorrent.")
        {
            TorrentCommands.Build(console),
            RTorrentCommands.Build(console),
            ServeCommand.Build(console),
            SeedCommand.Build(console),
            StatusCommand.Build(console),
            DemoCommand.Build(console),
        };
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction(console);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var parseResult = Build(console).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var command = string.Join(' ', parseResult.CommandResult.Command is RootCommand
                ? ["pactor"]
                : CommandPath(parseResult.CommandResult));
            await console.Error.WriteLineAsync($"pactor: {parseResult.Errors[0].Message} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C / SIGTERM cancel the command; it then stops its rtorrent and web host gracefully
            // (System.CommandLine's default would give up after 2 s and exit 130 half-way).
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliException e)
        {
            await console.Error.WriteLineAsync($"pactor: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("pactor: interrupted");
            return ExitCodes.Interrupted;
        }
    }

    public static string Version =>
        typeof(PactorCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Push(c.Command is RootCommand ? "pactor" : c.Command.Name);
            }
        }

        return names;
    }
}
