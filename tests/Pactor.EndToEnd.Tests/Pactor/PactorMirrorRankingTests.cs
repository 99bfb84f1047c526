using System.Net;
using System.Text.Json;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;

namespace Pactor.EndToEnd.Tests.Pactor;

/// <summary>
/// Issue 12: with pacman's mirror list (<c>--mirrorlist</c>) pactor measures the listed mirrors in the background and
/// asks, and sends pacman to, the fastest healthy one, whatever the list's order.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PactorMirrorRankingTests(PackageRepoFixture fixture)
{
    private PackageRepo Repo => fixture.Repo;

    [Fact]
    public async Task Mirrors_of_the_mirror_list_are_ranked_by_speed_and_pacman_is_sent_to_the_fastest()
    {
        await using var slow = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.Upstream);
        await using var fast = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        await using var middle = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.ExtraPeer);
        // Slower than the others, but healthy: without ranking the first of the list stays the one pacman is sent to.
        slow.When(_ => true, MirrorBehavior.ServeAfter(TimeSpan.FromMilliseconds(500)));
        middle.When(_ => true, MirrorBehavior.ServeAfter(TimeSpan.FromMilliseconds(150)));
        using var work = TempDirectory.Create("mirrorlist");
        var mirrorList = Path.Combine(work.Path, "mirrorlist");
        await File.WriteAllLinesAsync(mirrorList, ["## ranked by pactor", $"Server = {slow.ServerTemplate}", $"Server = {middle.ServerTemplate}", $"Server = {fast.ServerTemplate}"]);
        await using var pactor = await PactorServeProcess.StartAsync(new PactorServeSettings { MirrorList = mirrorList, RTorrent = "scgi://127.0.0.1:1" });
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, pactor.ServerTemplate));
        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), pactor.Describe());
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = pactor.BaseUrl };

        var speeds = await RankedSpeedsAsync(http, pactor);

        Assert.True(speeds[fast.ServerTemplate] > speeds[middle.ServerTemplate], $"{string.Join(", ", speeds)}\n{pactor.Describe()}");
        Assert.True(speeds[middle.ServerTemplate] > speeds[slow.ServerTemplate], $"{string.Join(", ", speeds)}\n{pactor.Describe()}");
        // The speeds are in the status as each mirror is measured; the summary line follows the round.
        await pactor.Process.WaitForOutputAsync("Ranked 3 mirrors by speed, 3 answered", TimeSpan.FromSeconds(10));
        // No rtorrent: every package is a 307, to the fastest mirror.
        var package = Repo.Packages[0];
        using var answer = await http.GetAsync($"{Repo.UrlPath}/{package.FileName}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, answer.StatusCode);
        Assert.StartsWith(fast.BaseUrl.ToString(), answer.Headers.Location!.ToString(), StringComparison.Ordinal);
        (await pacman.InstallAsync([package.Name])).EnsureSuccess(pacman.Describe(), pactor.Describe());
        Assert.Equal([package.FileName], fast.PackageRequests.Select(request => request.FileName));
        Assert.Empty(slow.PackageRequests);
    }

    /// <summary>Each upstream's <c>rankedBytesPerSecond</c> in <c>/api/status</c>, once all three have one (the test runs in the background).</summary>
    private static async Task<Dictionary<string, double>> RankedSpeedsAsync(HttpClient http, PactorServeProcess pactor)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("api/status"));
            var speeds = status.RootElement.GetProperty("upstreams").EnumerateArray()
                .Where(upstream => upstream.GetProperty("rankedBytesPerSecond").ValueKind == JsonValueKind.Number)
                .ToDictionary(upstream => upstream.GetProperty("url").GetString()!, upstream => upstream.GetProperty("rankedBytesPerSecond").GetDouble());
            if (speeds.Count == 3)
            {
                return speeds;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no speed test of all three mirrors within 20 s: {status.RootElement.GetProperty("upstreams")}\n{pactor.Describe()}");
            await Task.Delay(200);
        }
    }
}
