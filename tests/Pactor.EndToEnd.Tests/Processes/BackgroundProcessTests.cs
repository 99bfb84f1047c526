using System.Diagnostics;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Processes;

[Collection(EndToEndCollection.Name)]
public sealed class BackgroundProcessTests
{
    [Fact]
    public async Task Waits_for_a_line_of_output_and_stops_the_program_with_sigint()
    {
        await using var process = BackgroundProcess.Start("sleeper", "sh", ["-c", "echo ready; echo on stderr >&2; exec sleep 60"]);

        await process.WaitForOutputAsync("ready", TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        var exitCode = await process.StopAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"stop took {clock.Elapsed}");
        Assert.Equal(130, exitCode);
        Assert.Contains("err] on stderr", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kills_the_whole_tree_when_the_signal_is_ignored()
    {
        await using var process = BackgroundProcess.Start("stubborn", "sh", ["-c", "trap '' INT; echo ready; sleep 60; sleep 60"]);
        await process.WaitForOutputAsync("ready", TimeSpan.FromSeconds(5));

        await process.StopAsync(grace: TimeSpan.FromMilliseconds(300));

        Assert.True(process.HasExited);
        Assert.Contains("killed", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_exits_early_fails_the_wait_with_its_output()
    {
        await using var process = BackgroundProcess.Start("quitter", "sh", ["-c", "echo cannot bind >&2; exit 3"]);

        var failure = await Assert.ThrowsAsync<ExternalCommandException>(() => process.WaitForOutputAsync("listening", TimeSpan.FromSeconds(5)));

        Assert.Contains("exited with 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cannot bind", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_that_times_out_says_what_it_waited_for()
    {
        await using var process = BackgroundProcess.Start("silent", "sleep", ["60"]);

        var failure = await Assert.ThrowsAsync<ExternalCommandException>(
            () => process.WaitForTcpAsync(new IPEndPoint(LoopbackRoles.ExtraPeer, LoopbackPort.Free(LoopbackRoles.ExtraPeer)), TimeSpan.FromMilliseconds(300)));

        Assert.Contains("still waiting for a TCP listener", failure.Message, StringComparison.Ordinal);
        Assert.Contains("running as pid", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_readiness_counts_any_answer()
    {
        using var root = TempDirectory.Create("http");
        await using var mirror = await StaticMirrorServer.StartAsync(root.Path);
        await using var process = BackgroundProcess.Start("idle", "sleep", ["60"]);

        await process.WaitForHttpAsync(new Uri(mirror.BaseUrl, "nothing-here"), TimeSpan.FromSeconds(5));

        Assert.Equal(404, Assert.Single(mirror.Requests).StatusCode);
    }
}
