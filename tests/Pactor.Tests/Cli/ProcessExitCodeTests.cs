using System.Diagnostics;

namespace Pactor.Tests.Cli;

/// <summary>The real executable, as a shell sees it: exit codes and one-line errors on stderr.</summary>
public sealed class ProcessExitCodeTests
{
    [Theory]
    [InlineData(0, "--version")]
    [InlineData(1, "torrent", "info", "/nonexistent/x.torrent")]
    [InlineData(2, "torrent", "--bogus")]
    public async Task Exit_codes_reach_the_shell(int expected, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pactor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(expected, process.ExitCode);
        Assert.Equal(expected == 0 ? 0 : 1, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
