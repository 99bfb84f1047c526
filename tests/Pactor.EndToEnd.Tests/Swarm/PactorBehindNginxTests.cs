using System.Net;
using System.Net.Http.Headers;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// README's "Behind nginx": real pacman talks to a real nginx, which passes every request to <c>pactor serve
/// --accel-redirect /_pactor/</c>; pactor decides (swarm, cache, fallback, verification) and names the verified file
/// in <c>X-Accel-Redirect</c>; nginx sends it from pactor's cache directory with sendfile.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PactorBehindNginxTests(PackageRepoFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _trees = TempDirectory.Create("behind-nginx");

    private PackageRepo Repo => fixture.Repo;

    public void Dispose() => _trees.Dispose();

    [Fact]
    public async Task Pacman_through_nginx_installs_from_the_swarm_and_nginx_sends_the_files_pactor_names()
    {
        var settings = new Dictionary<string, string> { ["AccelRedirect"] = NginxServer.AccelPrefix };
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot, settings: settings);
        await using var nginx = await NginxServer.FrontAsync(stack.Pactor.BaseUrl, stack.Pactor.CacheDirectory, LoopbackRoles.ExtraPeer);
        string[] logs() => [nginx.Describe(), .. stack.Describe()];

        using var first = await InstallEveryPackageAsync(nginx, logs);
        using var second = await InstallEveryPackageAsync(nginx, logs);

        output.WriteLine(string.Join('\n', nginx.AccessLog()));
        Assert.True(stack.Upstream.PackageRequests.Count == 0, "a package was fetched from the upstream, not the swarm\n" + string.Join('\n', logs()));
        foreach (var package in Repo.Packages)
        {
            await first.AssertInstalledAsync(package);
            await second.AssertInstalledAsync(package);
            var path = $"{Repo.UrlPath}/{package.FileName}";
            Assert.True(stack.PactorLogLines($"GET {path} swarm 200").Count == 1, $"pactor did not decide {package.FileName} from the swarm\n{string.Join('\n', logs())}");
            Assert.True(stack.PactorLogLines($"GET {path} cache 200").Count == 1, $"pactor did not decide {package.FileName} from its cache\n{string.Join('\n', logs())}");
            // Both answers left nginx whole (status 200, every byte of the package), and none of those bytes came
            // through pactor: it answered with an empty body naming the file.
            Assert.True(
                nginx.AccessLog().Count(line => line == $"GET {path} 200 {package.Size} 0") == 2,
                $"nginx did not send {package.FileName} twice in full from pactor's cache\n{string.Join('\n', logs())}");
        }
    }

    [Fact]
    public async Task With_the_public_tree_nginx_answers_hits_itself_and_pactor_counts_them_from_nginx_access_log()
    {
        var socket = Path.Combine(_trees.Sub("socket"), "access.sock");
        var settings = new Dictionary<string, string> { ["AccelRedirect"] = NginxServer.AccelPrefix, ["AccessLogSocket"] = socket };
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot, settings: settings);
        await using var nginx = await NginxServer.FrontWithPublicTreeAsync(stack.Pactor.BaseUrl, stack.Pactor.CacheDirectory, socket, LoopbackRoles.ExtraPeer);
        string[] logs() => [nginx.Describe(), .. stack.Describe()];

        using var first = await InstallEveryPackageAsync(nginx, logs);
        using var second = await InstallEveryPackageAsync(nginx, logs);

        output.WriteLine(string.Join('\n', nginx.AccessLog()));
        Assert.True(stack.Upstream.PackageRequests.Count == 0, "a package was fetched from the upstream, not the swarm\n" + string.Join('\n', logs()));
        using var http = new HttpClient { BaseAddress = stack.Pactor.BaseUrl };
        foreach (var package in Repo.Packages)
        {
            await second.AssertInstalledAsync(package);
            var path = $"{Repo.UrlPath}/{package.FileName}";
            // The first request went to pactor (swarm, verified, then sent by nginx from the cache); the second never did:
            // nginx sent the package from the public tree itself (no upstream response: "-").
            Assert.True(stack.PactorLogLines($"GET {path} swarm 200").Count == 1, $"pactor did not answer {package.FileName} from the swarm\n{string.Join('\n', logs())}");
            Assert.True(stack.PactorLogLines($"GET {path} ").Count == 1, $"pactor was asked for {package.FileName} again\n{string.Join('\n', logs())}");
            Assert.True(
                nginx.AccessLog().Count(line => line == $"GET {path} 200 {package.Size} -") == 1,
                $"nginx did not send {package.FileName} from the public tree\n{string.Join('\n', logs())}");
        }

        // nginx's access log reached pactor: the hits are on its status page as cache answers, with their bytes.
        var expected = Repo.Packages.Select(p => $"\"file\":\"{Repo.UrlPath}/{p.FileName}\",\"kind\":\"package\",\"source\":\"cache\",\"status\":200,\"bytes\":{p.Size}").ToList();
        var status = "";
        for (var attempt = 0; attempt < 50 && !expected.All(e => status.Contains(e, StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100);
            status = await http.GetStringAsync("api/status");
        }

        Assert.True(expected.All(e => status.Contains(e, StringComparison.Ordinal)), $"pactor's status does not count nginx's hits:\n{status}\n{string.Join('\n', logs())}");
    }

    // One machine's pacman: -Sy, then -S of every package, through nginx.
    private async Task<PacmanRunner> InstallEveryPackageAsync(NginxServer nginx, Func<string[]> logs)
    {
        var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, PackageRepo.ServerTemplate(nginx.BaseUrl)));
        try
        {
            (await pacman.SyncAsync()).EnsureSuccess(logs());
            (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());
            return pacman;
        }
        catch
        {
            pacman.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task Through_nginx_Range_resumes_and_without_nginx_pactor_sends_the_file_itself()
    {
        var settings = new Dictionary<string, string> { ["AccelRedirect"] = NginxServer.AccelPrefix };
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot, settings: settings);
        await using var nginx = await NginxServer.FrontAsync(stack.Pactor.BaseUrl, stack.Pactor.CacheDirectory, LoopbackRoles.ExtraPeer);
        string[] logs() => [nginx.Describe(), .. stack.Describe()];
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        var package = Repo.Packages[0];
        var path = $"{Repo.UrlPath}/{package.FileName}".TrimStart('/');
        var bytes = await File.ReadAllBytesAsync(Repo.PathOf(package));
        using (var database = await http.GetAsync(new Uri(nginx.BaseUrl, $"{Repo.UrlPath}/{Repo.Name}.db".TrimStart('/'))))
        {
            Assert.True(database.StatusCode == HttpStatusCode.OK, $"the database through nginx: {(int)database.StatusCode}\n{string.Join('\n', logs())}");
        }

        // pacman resumes a .part file with bytes=N- and needs a 206.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nginx.BaseUrl, path));
        request.Headers.Range = new RangeHeaderValue(1000, null);
        using var resumed = await http.SendAsync(request);
        Assert.True(resumed.StatusCode == HttpStatusCode.PartialContent, $"Range through nginx: {(int)resumed.StatusCode}\n{string.Join('\n', logs())}");
        Assert.Equal(bytes[1000..], await resumed.Content.ReadAsByteArrayAsync());

        // A client that reaches pactor directly (no X-Sendfile-Type from a proxy) gets the bytes, not a redirect header.
        using var direct = await http.GetAsync(new Uri(stack.Pactor.BaseUrl, path));
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.False(direct.Headers.Contains("X-Accel-Redirect"));
        Assert.Equal(bytes, await direct.Content.ReadAsByteArrayAsync());
    }
}
