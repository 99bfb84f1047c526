namespace Pactor.Tests.Cli;

/// <summary><c>pactor serve --root/--tracker</c> settings: refused before anything listens, one line each.</summary>
public sealed class SeedboxSettingsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task A_missing_root_is_one_line_and_no_upstream_is_asked_for()
    {
        var run = await CliRun.InvokeAsync("serve", "--root", temp.File("no-tree"), "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: Pactor:Root (--root): no such directory: {temp.File("no-tree")}"], run.ErrorLines);
    }

    [Theory]
    [InlineData("1s")]
    [InlineData("2h")]
    public async Task A_tracker_interval_outside_5s_to_1h_is_refused(string interval)
    {
        var run = await CliRun.InvokeAsync(
            "serve", "--root", temp.Path, "--tracker", "--tracker-interval", interval, "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["pactor: Pactor:TrackerInterval (--tracker-interval) must be from 5s to 1h"], run.ErrorLines);
    }

    [Fact]
    public async Task A_whitelist_without_the_tracker_or_in_a_missing_folder_is_refused()
    {
        var alone = await CliRun.InvokeAsync(
            "serve", "--root", temp.Path, "--tracker-whitelist", temp.File("whitelist.txt"), "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"));
        var nowhere = await CliRun.InvokeAsync(
            "serve", "--root", temp.Path, "--tracker", "--tracker-whitelist", temp.File("no-folder/whitelist.txt"), "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"));

        Assert.Equal(["pactor: Pactor:TrackerWhitelist (--tracker-whitelist) is for the tracker: add --tracker"], alone.ErrorLines);
        Assert.Equal([$"pactor: Pactor:TrackerWhitelist (--tracker-whitelist): no such directory: {temp.File("no-folder")}"], nowhere.ErrorLines);
    }

    [Theory]
    [InlineData("\"maybe\"", "pactor: Pactor:Tracker (--tracker): 'maybe' is not true or false")]
    [InlineData("\"on\"", null)]
    [InlineData("true", null)]
    public async Task The_tracker_switch_in_a_config_file_is_true_or_false_in_any_common_spelling(string value, string? problem)
    {
        var file = temp.File("pactor.json");
        await File.WriteAllTextAsync(file, $$"""{ "Pactor": { "Tracker": {{value}}, "Root": "{{temp.File("no-tree")}}" } }""");

        var run = await CliRun.InvokeAsync("serve", "--config", file, "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"));

        // The missing root keeps the server from starting; what matters is whether the switch got its own line.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            problem is null ? [$"pactor: Pactor:Root (--root): no such directory: {temp.File("no-tree")}"] : [problem, $"pactor: Pactor:Root (--root): no such directory: {temp.File("no-tree")}"],
            run.ErrorLines);
    }

    public void Dispose() => temp.Dispose();
}
