namespace Pactor.Tests.Hosting;

/// <summary>
/// A seedbox's mirror tree for origin mode: <c>core/os/x86_64/</c> with repo-add's <c>core.db</c> link, a
/// package, its signature and torrent, and a link that leads out of the tree to a secret.
/// </summary>
internal sealed class SampleMirrorTree : IDisposable
{
    public const string Package = "zlib-1.3-1-x86_64.pkg.tar.zst";
    public const string Escape = "escape-1-1-x86_64.pkg.tar.zst";
    public const string Secret = "secret outside the mirror";
    public static readonly DateTimeOffset Date = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly string temp = Directory.CreateTempSubdirectory("pactor-origin-").FullName;

    public SampleMirrorTree()
    {
        Directory.CreateDirectory(Folder);
        DatabaseBytes = Write("core.db.tar.gz", 3000, seed: 1);
        File.CreateSymbolicLink(Path.Combine(Folder, "core.db"), "core.db.tar.gz");
        PackageBytes = Write(Package, 50_000, seed: 2);
        Write(Package + ".sig", 566, seed: 3);
        TorrentBytes = Write(Package + ".torrent", 400, seed: 4);
        var secret = Path.Combine(temp, "secret.txt");
        File.WriteAllText(secret, Secret);
        File.CreateSymbolicLink(Path.Combine(Folder, Escape), secret);
    }

    public string Root => Path.Combine(temp, "mirror");

    public string Folder => Path.Combine(Root, "core", "os", "x86_64");

    public byte[] DatabaseBytes { get; }

    public byte[] PackageBytes { get; }

    public byte[] TorrentBytes { get; }

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private byte[] Write(string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, Date.UtcDateTime);
        return bytes;
    }
}
