namespace Pactor.Tests.Cli;

/// <summary><c>pactor demo</c>'s refusals, before anything is built or started (the demo itself runs in the end-to-end tests).</summary>
public sealed class DemoCommandTests
{
    [Theory]
    [InlineData("--packages", "0", "pactor: --packages must be from 1 to 20 (see 'pactor demo --help')")]
    [InlineData("--size", "1G", "pactor: --size '1G': expected a size from 1 to 256M (e.g. 4M) (see 'pactor demo --help')")]
    public async Task Out_of_range_options_are_usage_errors(string option, string value, string expected)
    {
        var run = await CliRun.InvokeAsync("demo", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_listen_address_that_is_not_http_ip_port_is_refused_in_one_line_before_anything_is_built()
    {
        var run = await CliRun.InvokeAsync("demo", "--listen", "ftp://127.0.0.1:21");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("pactor: --listen: 'ftp://127.0.0.1:21' is not http://IP:PORT or http://localhost:PORT", Assert.Single(run.ErrorLines));
        // Nothing was built: the sample repository's line is the demo's first.
        Assert.Empty(run.Out);
    }
}
