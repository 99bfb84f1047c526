namespace Pactor.Tests.Hosting;

/// <summary>Origin mode on Kestrel: every hostile request target is a 400 or 404, never a file, never a 500.</summary>
public sealed class OriginHostilePathTests(SeedboxFixture seedbox) : IClassFixture<SeedboxFixture>
{
    [Theory]
    [MemberData(nameof(HostilePaths.All), MemberType = typeof(HostilePaths))]
    public async Task A_raw_hostile_request_target_is_refused(string path)
    {
        var answer = await RawHttp.GetAsync(seedbox.Url, path);

        Assert.True(answer.Status is 400 or 404, $"{path} answered {answer.Status}");
        Assert.DoesNotContain(SampleMirrorTree.Secret, answer.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/core/os/x86_64/" + SampleMirrorTree.Escape)]
    [InlineData("/core/x86_64/" + SampleMirrorTree.Escape)]
    [InlineData("/core/os/x86_64/..%2f..%2f..%2fsecret.txt")]
    [InlineData("/core/os/x86_64/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt")]
    public async Task The_secret_beside_the_tree_stays_out_of_reach(string path)
    {
        var answer = await RawHttp.GetAsync(seedbox.Url, path);

        Assert.True(answer.Status is 400 or 404, $"{path} answered {answer.Status}");
        Assert.DoesNotContain(SampleMirrorTree.Secret, answer.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_server_serves_the_tree()
    {
        var answer = await RawHttp.GetAsync(seedbox.Url, "/core/os/x86_64/core.db");

        Assert.Equal(200, answer.Status);
        Assert.Equal(seedbox.Tree.DatabaseBytes, answer.Body);
        Assert.Equal("bytes", answer.Headers["Accept-Ranges"]);
    }
}
