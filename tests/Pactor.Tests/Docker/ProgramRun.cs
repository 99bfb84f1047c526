using System.Diagnostics;

namespace Pactor.Tests.Docker;

/// <summary>A program run to completion, with its output.</summary>
internal sealed record ProgramRun(int ExitCode, string Out, string Error)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="environment">Variables to set; a null value removes one.</param>
    public static async Task<ProgramRun> RunAsync(
        string program, IEnumerable<string> arguments, string? input = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        using var deadline = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout.TotalSeconds} s");
        }

        return new ProgramRun(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
