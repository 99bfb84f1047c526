using System.Globalization;
using System.Text.RegularExpressions;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// When the swarm cannot deliver (no seeder, or a seeder with wrong bytes) pacman still installs, within its limits,
/// by following pactor's 307 to the upstream; wrong bytes are never served or kept.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PactorSwarmFallbackTests(PackageRepoFixture fixture, ITestOutputHelper output) : IDisposable
{
    // --hedge-after 2 s instead of the default 5 s: the same deadline path (wait, then 307), but pacman fetches the three
    // packages one after another, so the test costs 3 × 2 s instead of 3 × 5 s.
    private static readonly TimeSpan HedgeAfter = TimeSpan.FromSeconds(2);

    // pacman aborts a transfer that gets less than 1 byte/s for 10 s, also while it waits for the status line.
    private static readonly TimeSpan PacmanStallLimit = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _trees = TempDirectory.Create("swarm-fallback");

    private PackageRepo Repo => fixture.Repo;

    public void Dispose() => _trees.Dispose();

    [Fact]
    public async Task With_the_seeder_stopped_pactor_answers_307_at_the_hedge_deadline_and_pacman_installs_from_the_upstream_in_time()
    {
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot, HedgeAfter);
        await stack.Swarm.StopSeederAsync();
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, stack.Pactor.ServerTemplate));
        string[] logs() => [pacman.Describe(), .. stack.Describe()];

        (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"-S of 3 packages with no seeder, --hedge-after {HedgeAfter.TotalSeconds} s: {install.Duration.TotalMilliseconds:0} ms");
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
        }

        var pacmanOutput = install.Stdout + install.Stderr;
        Assert.True(!pacmanOutput.Contains("too slow", StringComparison.OrdinalIgnoreCase) && !pacmanOutput.Contains("failed retrieving", StringComparison.OrdinalIgnoreCase), "pacman hit a transfer error\n" + install.Describe(logs()));
        foreach (var package in Repo.Packages)
        {
            // pactor waited the whole deadline (the swarm path was taken, not an instant fallback), then answered 307 at
            // once: the deadline plus scheduling slack, far inside pacman's 10 s, leaving it the time for the upstream transfer.
            var waited = RedirectWait(stack, package, logs);
            output.WriteLine($"{package.FileName}: 307 after {waited.TotalMilliseconds:0} ms");
            Assert.True(stack.PactorLogLines($"Falling back for {RelativePath(package)}: swarm not done after {HedgeAfter.TotalSeconds:0} s").Count == 1, $"{package.FileName}: pactor gave no deadline fallback\n{string.Join('\n', logs())}");
            Assert.True(waited >= HedgeAfter - TimeSpan.FromMilliseconds(100) && waited < HedgeAfter + TimeSpan.FromSeconds(2), $"{package.FileName}: pactor answered 307 after {waited} (pacman gives up at {PacmanStallLimit})\n{string.Join('\n', logs())}");
        }

        // Every package byte came from the upstream, fetched by pacman itself after the 307.
        Assert.Equal(Repo.Packages.Select(package => package.FileName).Order(), stack.Upstream.PackageRequests.Select(request => request.FileName).Order());
        Assert.All(stack.Upstream.PackageRequests, request =>
            Assert.True(request is { StatusCode: 200, Aborted: false } && request.UserAgent?.StartsWith("pacman/", StringComparison.Ordinal) == true, $"{request}\n{string.Join('\n', logs())}"));

        // The torrents keep going after the 307, for the next request.
        var downloads = await stack.PactorRTorrent.ListAsync();
        foreach (var torrent in stack.Swarm.Torrents.Torrents)
        {
            Assert.True(downloads.Any(download => download.Hash == torrent.InfoHash), $"pactor's rtorrent dropped {torrent.Package.FileName} after the 307\n{string.Join('\n', logs())}");
        }
    }

    [Fact]
    public async Task A_seeder_with_a_tampered_package_is_caught_pacman_installs_the_original_and_pactor_keeps_nothing_of_it()
    {
        var seeded = Repo.CopyTo(_trees.Sub("seeder"));
        var tampered = seeded[PackageRepoFixture.Medium];
        // Before the swarm starts: the torrent describes, and the seeder seeds, the tampered bytes (same size, other SHA-256),
        // while the upstream serves the untouched repo and its database.
        seeded.TamperWith(tampered);
        Assert.NotEqual(tampered.Sha256, await MakepkgBuilder.Sha256Async(seeded.PathOf(tampered)));
        await using var stack = await SwarmMirrorStack.StartAsync(seeded, Repo.MirrorRoot);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, stack.Pactor.ServerTemplate));
        string[] logs() => [pacman.Describe(), .. stack.Describe()];

        (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"-S of 3 packages, one tampered in the swarm: {install.Duration.TotalMilliseconds:0} ms");
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
        }

        Assert.Equal(tampered.Sha256, await MakepkgBuilder.Sha256Async(pacman.CachedPath(tampered)));
        var mismatch = stack.PactorLogLines("does not match the repo database");
        Assert.True(mismatch.Count == 1 && mismatch[0].Contains(tampered.FileName, StringComparison.Ordinal) && mismatch[0].Contains("SHA-256", StringComparison.Ordinal), "pactor did not report the SHA-256 mismatch\n" + string.Join('\n', logs()));
        var fallback = stack.PactorLogLines($"Falling back for {RelativePath(tampered)}: ");
        Assert.True(fallback.Count == 1 && fallback[0].Contains("SHA-256", StringComparison.Ordinal), "pactor did not fall back because of the mismatch\n" + string.Join('\n', logs()));
        var fromUpstream = Assert.Single(stack.Upstream.PackageRequests);
        Assert.True(fromUpstream is { StatusCode: 200 } && fromUpstream.FileName == tampered.FileName && fromUpstream.UserAgent?.StartsWith("pacman/", StringComparison.Ordinal) == true, $"{fromUpstream}\n{string.Join('\n', logs())}");

        // Nothing of the tampered download stays: no file, no marker, no rtorrent download; the others are held and seeded.
        Assert.False(File.Exists(stack.CachedPackagePath(tampered)), $"pactor kept the tampered {stack.CachedPackagePath(tampered)}\n{string.Join('\n', logs())}");
        Assert.False(File.Exists(stack.VerifiedMarkerPath(tampered)), $"pactor marked the tampered {tampered.FileName} verified\n{string.Join('\n', logs())}");
        var downloads = await stack.PactorRTorrent.ListAsync();
        Assert.DoesNotContain(downloads, download => download.Hash == stack.Swarm.Torrents[tampered.Name].InfoHash);
        foreach (var package in Repo.Packages.Where(package => package.Name != tampered.Name))
        {
            await PactorSwarmInstallTests.AssertPactorHoldsVerifiedAsync(stack, package, logs);
            Assert.Contains(downloads, download => download.Hash == stack.Swarm.Torrents[package.Name].InfoHash && download.IsComplete);
        }
    }

    private string RelativePath(BuiltPackage package) => $"{Repo.Name}/os/{PackageRepo.MachineArch}/{package.FileName}";

    /// <summary>How long pactor held pacman's request before its 307, from pactor's request log line.</summary>
    private static TimeSpan RedirectWait(SwarmMirrorStack stack, BuiltPackage package, Func<string[]> logs)
    {
        var line = stack.PactorLogLines($"GET {stack.Repo.UrlPath}/{package.FileName} upstream 307").SingleOrDefault();
        Assert.True(line is not null, $"pactor did not answer {package.FileName} with a 307\n{string.Join('\n', logs())}");
        var match = Milliseconds().Match(line);
        Assert.True(match.Success, $"no duration in pactor's request log line: {line}");
        return TimeSpan.FromMilliseconds(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@" ([0-9]+(?:\.[0-9]+)?) ms$")]
    private static partial Regex Milliseconds();
}
