using System.Diagnostics;
using System.Text;

namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>Runs an external program to completion with a bounded wait; a timed-out program is killed with its children.</summary>
public static class ExternalCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <exception cref="ExternalCommandException">The program is missing or did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(Path.IsPathRooted(program) ? program : RequiredProgram.Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(program).Select(Quote));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(stdout, line.Data);
        process.ErrorDataReceived += (_, line) => Append(stderr, line.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            // Also waits for the redirected output to be read to its end.
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            var partial = new CommandResult(commandLine, -1, Snapshot(stdout), Snapshot(stderr), clock.Elapsed);
            throw new ExternalCommandException($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s and was killed", partial.Describe());
        }

        return new CommandResult(commandLine, process.ExitCode, Snapshot(stdout), Snapshot(stderr), clock.Elapsed);
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%$".Contains(c)) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
