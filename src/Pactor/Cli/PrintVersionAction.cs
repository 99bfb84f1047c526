using System.CommandLine;
using System.CommandLine.Invocation;

namespace Pactor.Cli;

/// <summary><c>--version</c> prints pactor's version (the default reads the entry assembly, which a test host replaces).</summary>
internal sealed class PrintVersionAction(CliConsole console) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        console.Out.WriteLine(PactorCommandLine.Version);
        return ExitCodes.Ok;
    }
}
