using System.Globalization;
using System.Text;

namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>How a finished external program went: everything a failure message needs.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="ExternalCommandException"/> with the output (and <paramref name="context"/>, e.g. logs) unless the exit code is 0.</summary>
    public CommandResult EnsureSuccess(params string[] context)
    {
        if (!Succeeded)
        {
            throw new ExternalCommandException($"exited with {ExitCode}", Describe(context));
        }

        return this;
    }

    /// <summary>The command, its exit code, duration and both output streams, then each context block.</summary>
    public string Describe(params string[] context)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"$ {CommandLine}\nexit code {ExitCode} after {Duration.TotalSeconds:0.000} s\n")
            .Append("--- stdout ---\n").Append(Stdout).Append('\n')
            .Append("--- stderr ---\n").Append(Stderr).Append('\n');
        foreach (var block in context)
        {
            text.Append("---\n").Append(block).Append('\n');
        }

        return text.ToString();
    }
}
