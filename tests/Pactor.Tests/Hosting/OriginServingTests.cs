using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pactor.Core.Activity;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>Origin mode (<c>--root</c>): the tree served as it is, with what pacman needs (Range, 304, HEAD), and nothing else.</summary>
public sealed class OriginServingTests : IDisposable
{
    private const string DatabasePath = "/core/os/x86_64/core.db";
    private const string PackagePath = "/core/os/x86_64/" + SampleMirrorTree.Package;
    private readonly SampleMirrorTree tree = new();
    private readonly MirrorFactory origin;
    private readonly HttpClient client;

    public OriginServingTests()
    {
        // No upstream and no rtorrent endpoint: a mirror would refuse to start or start its own rtorrent.
        origin = new MirrorFactory(configure: flags =>
        {
            flags[SettingKeys.Root] = tree.Root;
            flags.Remove(SettingKeys.RTorrent);
            flags.Remove(SettingKeys.Upstreams + ":0");
        });
        client = origin.CreateMirrorClient();
    }

    [Fact]
    public async Task Readyz_asks_only_for_a_readable_tree_then_says_which_is_gone()
    {
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Directory.Delete(tree.Root, recursive: true);
        origin.Time.Advance(TimeSpan.FromSeconds(3));
        using var gone = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        var line = Assert.Single((await gone.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"mirror tree {tree.Root} is not readable", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_link_is_followed_and_served_with_the_file_s_Last_Modified()
    {
        using var response = await client.GetAsync(DatabasePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tree.DatabaseBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(SampleMirrorTree.Date, response.Content.Headers.LastModified);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/core/os/x86_64/")]
    [InlineData("/core/x86_64/")]
    public async Task Packages_signatures_and_torrents_are_served_in_both_layouts(string folder)
    {
        using var package = await client.GetAsync(folder + SampleMirrorTree.Package);
        using var signature = await client.GetAsync(folder + SampleMirrorTree.Package + ".sig");
        using var torrent = await client.GetAsync(folder + SampleMirrorTree.Package + ".torrent");

        Assert.Equal(tree.PackageBytes, await package.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, signature.StatusCode);
        Assert.Equal(566, signature.Content.Headers.ContentLength);
        Assert.Equal(tree.TorrentBytes, await torrent.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/x-bittorrent", torrent.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task If_Modified_Since_the_file_s_date_answers_304_and_an_older_date_200()
    {
        using var same = new HttpRequestMessage(HttpMethod.Get, DatabasePath);
        same.Headers.IfModifiedSince = SampleMirrorTree.Date;
        using var older = new HttpRequestMessage(HttpMethod.Get, DatabasePath);
        older.Headers.IfModifiedSince = SampleMirrorTree.Date.AddDays(-1);

        using var notModified = await client.SendAsync(same);
        using var modified = await client.SendAsync(older);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.Equal(tree.DatabaseBytes, await modified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(49_999)]
    public async Task Range_from_an_offset_answers_206_with_the_rest(int offset)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PackagePath);
        request.Headers.Range = new RangeHeaderValue(offset, null);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {offset}-49999/50000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(tree.PackageBytes[offset..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_answers_the_headers_without_a_body()
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, PackagePath));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50_000, response.Content.Headers.ContentLength);
        Assert.Equal(SampleMirrorTree.Date, response.Content.Headers.LastModified);
        Assert.Equal("bytes", string.Join(",", response.Headers.AcceptRanges));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/core/os/x86_64/missing-1-1-x86_64.pkg.tar.zst", "not found: not in this mirror\n")]
    [InlineData("/extra/os/x86_64/extra.db", "not found: not in this mirror\n")]
    [InlineData("/core/os/x86_64/README", "not found: not a file a mirror holds\n")]
    public async Task A_missing_file_is_an_immediate_404_and_nothing_goes_upstream(string path, string body)
    {
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Empty(origin.Http.Requests);
        Assert.Equal(0, origin.Swarm.Loads);
    }

    [Fact]
    public async Task A_link_out_of_the_tree_is_not_followed()
    {
        using var response = await client.GetAsync("/core/os/x86_64/" + SampleMirrorTree.Escape);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(SampleMirrorTree.Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_path_is_a_400_as_in_the_mirror()
    {
        using var response = await client.GetAsync("/core/os/x86_64/foo%3Bd.erase%3D-1-1-x86_64.pkg.tar.zst");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad request: not a mirror path\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Origin_mode_runs_neither_the_swarm_service_nor_a_managed_rtorrent_and_has_no_tracker_unasked()
    {
        using var announce = await client.GetAsync("/announce");

        var hosted = origin.Services.GetServices<IHostedService>().ToList();
        Assert.DoesNotContain(hosted, service => service is SwarmService);
        Assert.False(Assert.Single(hosted.OfType<ManagedRTorrentService>()).IsManaged);
        Assert.False(Directory.Exists(TorrentClientRegistration.ManagedDirectory(origin.CacheDirectory)));
        Assert.Equal(HttpStatusCode.NotFound, announce.StatusCode);
        Assert.Equal(0, origin.Swarm.Loads);
    }

    [Fact]
    public async Task Files_from_the_tree_are_recorded_as_answers_from_disk_and_missing_ones_as_errors()
    {
        (await client.GetAsync(PackagePath + ".torrent")).Dispose();
        (await client.GetAsync("/core/os/x86_64/missing-1-1-x86_64.pkg.tar.zst")).Dispose();

        var recent = origin.Services.GetRequiredService<MirrorActivity>().Snapshot().Recent;

        Assert.Equal(
            [("torrent", RequestSource.Cache, 200, 400L), ("package", RequestSource.Error, 404, recent[0].Bytes)],
            recent.Reverse().Select(r => (r.Kind, r.Source, r.Status, r.Bytes)));
    }

    public void Dispose()
    {
        client.Dispose();
        origin.Dispose();
        tree.Dispose();
    }
}
