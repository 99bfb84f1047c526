using System.Diagnostics;
using System.Net;

namespace Pactor.Tests.Hosting;

/// <summary>Requests as pacman makes them against a <see cref="MirrorFactory"/> mirror, driving its fake swarm and clock.</summary>
internal sealed class MirrorTraffic(MirrorFactory mirror, HttpClient client)
{
    public const string DatabasePath = "/core/os/x86_64/core.db";

    public static string PackagePath(string name) => $"/core/os/x86_64/{name}";

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Requests a package; the swarm delivers <paramref name="content"/> once the download is loaded.</summary>
    public async Task<HttpResponseMessage> SwarmDownloadAsync(string name, byte[] content) =>
        await CompleteAsync(await StartAsync(name), name, content);

    /// <summary>Requests a package and returns once its swarm download is loaded, the request still waiting.</summary>
    public async Task<Task<HttpResponseMessage>> StartAsync(string name)
    {
        var loads = mirror.Swarm.Loads;
        var pending = client.GetAsync(PackagePath(name));
        await WaitUntilAsync(() => mirror.Swarm.Loads > loads);
        return pending;
    }

    /// <summary>The swarm delivers <paramref name="content"/>; the clock runs until the waiting request is answered.</summary>
    public async Task<HttpResponseMessage> CompleteAsync(Task<HttpResponseMessage> pending, string name, byte[] content)
    {
        mirror.Swarm.Complete(name, content);
        return await AdvanceUntilAnsweredAsync(pending);
    }

    /// <summary>Requests a package the swarm never delivers: the hedge deadline sends it upstream.</summary>
    public async Task<HttpResponseMessage> HedgedAsync(string name)
    {
        var loads = mirror.Swarm.Loads;
        var pending = client.GetAsync(PackagePath(name));
        await WaitUntilAsync(() => mirror.Swarm.Loads > loads);
        mirror.Time.Advance(TimeSpan.FromSeconds(5));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        return response;
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for the mirror");
            await Task.Delay(10);
        }
    }

    private async Task<HttpResponseMessage> AdvanceUntilAnsweredAsync(Task<HttpResponseMessage> pending)
    {
        var response = await mirror.AdvanceUntilAnsweredAsync(pending, TimeSpan.FromMilliseconds(100));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
