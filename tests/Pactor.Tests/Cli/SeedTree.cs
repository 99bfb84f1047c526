namespace Pactor.Tests.Cli;

/// <summary>A temporary mirror tree for <c>pactor seed</c>: <c>ROOT/{repo}/os/{arch}/</c> with small fake packages.</summary>
internal sealed class SeedTree : IDisposable
{
    public const string Announce = "http://127.0.0.1:1/announce";

    private readonly TempDirectory directory = new();

    public SeedTree() => Directory.CreateDirectory(Root);

    public string Root => directory.File("mirror");

    /// <summary>Next to the root, not in it.</summary>
    public string Beside(string name) => directory.File(name);

    public string Add(string relative, int length = 40_000, int seed = 1)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Package(string name, int length = 40_000, int seed = 1) => Add($"core/os/x86_64/{name}", length, seed);

    public Task<CliRun> SeedAsync(params string[] more) => CliRun.InvokeAsync(["seed", Root, "--announce", Announce, .. more]);

    public void Dispose() => directory.Dispose();
}
