using Pactor.Bencode;
using Pactor.Core.Tests.Support;

namespace Pactor.Tests.Hosting;

/// <summary>The <c>core</c> repository as the fake upstream and seedbox publish it: packages, their torrents, the database.</summary>
internal sealed class FakeRepository(MirrorFactory mirror)
{
    public const string DatabaseUrl = "http://mirror.test/core/os/x86_64/core.db";

    public static readonly DateTimeOffset DatabaseDate = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RepoDatabaseBuilder database = new();

    public byte[] DatabaseBytes { get; private set; } = [];

    public async Task<byte[]> PublishAsync(string fileName, int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        database.Add(RepoDatabaseBuilder.EntryFor(fileName, content));
        var source = Path.Combine(mirror.WorkDirectory, "src-" + fileName);
        await File.WriteAllBytesAsync(source, content);
        var torrent = await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { Name = fileName });
        mirror.Http.Put($"http://seedbox.test/core/os/x86_64/{fileName}.torrent", torrent);
        mirror.Http.Put($"http://mirror.test/core/os/x86_64/{fileName}", content);
        PutDatabase();
        return content;
    }

    public void PutDatabase()
    {
        DatabaseBytes = database.BuildGzip();
        mirror.Http.Put(DatabaseUrl, DatabaseBytes, DatabaseDate);
    }
}
