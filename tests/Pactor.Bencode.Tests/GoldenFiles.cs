using System.Text.Json;

namespace Pactor.Bencode.Tests;

/// <summary>The torrents made by mktorrent under TestData (see TestData/make-golden.sh) and their facts from python.</summary>
internal static class GoldenFiles
{
    private static readonly Lazy<IReadOnlyList<GoldenTorrent>> Expected = new(() =>
        JsonSerializer.Deserialize<List<GoldenTorrent>>(
            File.ReadAllText(Path("expected.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static IReadOnlyList<GoldenTorrent> All => Expected.Value;

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static GoldenTorrent Get(string file) => All.Single(torrent => torrent.File == file);

    public static TheoryData<string> Names() => [.. All.Select(torrent => torrent.File)];
}
