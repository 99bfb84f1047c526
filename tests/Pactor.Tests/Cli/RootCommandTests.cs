namespace Pactor.Tests.Cli;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var run = await CliRun.InvokeAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(typeof(Pactor.Cli.PactorCommandLine).Assembly.GetName().Version!.ToString(3), run.Out.Trim());
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("torrent", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Torrent_help_lists_create_and_info()
    {
        var run = await CliRun.InvokeAsync("torrent", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("create", run.Out, StringComparison.Ordinal);
        Assert.Contains("info", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("torrent", "create")]
    [InlineData("torrent", "info", "a", "b")]
    [InlineData("torrent", "create", "x", "--piece-length", "1000")]
    [InlineData("torrent", "create", "x", "--piece-length", "8K")]
    [InlineData("torrent", "create", "x", "--piece-length", "lots")]
    [InlineData("torrent", "info", "x", "--no-such-flag")]
    public async Task Usage_errors_exit_2_with_one_line(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("pactor: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }
}
