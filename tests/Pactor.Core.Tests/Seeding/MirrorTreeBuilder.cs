using Pactor.Core.Seeding;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Seeding;

/// <summary>A temporary mirror tree, <c>ROOT/{repo}/os/{arch}/</c>, with small fake packages of deterministic bytes.</summary>
internal sealed class MirrorTreeBuilder : IDisposable
{
    private readonly TempDirectory directory = new();

    public MirrorTreeBuilder() => Directory.CreateDirectory(Root);

    public string Root => Path.Combine(directory.Path, "mirror");

    /// <summary>Outside the mirror root, for links that lead out of it.</summary>
    public string Outside => directory.Path;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Add(string relative, int length = 40_000, int seed = 1)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Package(string name, string repo = "core", string arch = "x86_64", int length = 40_000, int seed = 1) =>
        Add($"{repo}/os/{arch}/{name}", length, seed);

    public string TorrentOf(string packagePath) => packagePath + ".torrent";

    public SeedRun Run(ISeedingClient? client = null, Func<SeedOptions, SeedOptions>? change = null)
    {
        var options = new SeedOptions { Root = Root, Announce = ["http://127.0.0.1:6969/announce"] };
        return new SeedRun(change is null ? options : change(options), client, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SeedRun>.Instance);
    }

    public Task<SeedReport> RunAsync(ISeedingClient? client = null, Func<SeedOptions, SeedOptions>? change = null) =>
        Run(client, change).RunAsync(progress: null, CancellationToken.None);

    public void Dispose() => directory.Dispose();
}
