namespace Pactor.Bencode.Tests;

/// <summary>Minimal valid torrents as values, for tests to break one field at a time.</summary>
internal static class TorrentBuilder
{
    public const int PieceLength = 16384;

    public static BDictionary SingleFile(long length = 40_000, int pieces = 3) => new()
    {
        ["info"] = new BDictionary
        {
            ["name"] = new BString("file.bin"),
            ["length"] = new BInteger(length),
            ["piece length"] = new BInteger(PieceLength),
            ["pieces"] = new BString(new byte[pieces * 20]),
        },
    };

    public static BDictionary MultiFile() => new()
    {
        ["info"] = new BDictionary
        {
            ["name"] = new BString("folder"),
            ["files"] = new BList
            {
                File(10_000, "a.bin"),
                File(10_000, "sub", "b.bin"),
            },
            ["piece length"] = new BInteger(PieceLength),
            ["pieces"] = new BString(new byte[40]),
        },
    };

    public static BDictionary File(long length, params string[] path) => new()
    {
        ["length"] = new BInteger(length),
        ["path"] = new BList(path.Select(segment => new BString(segment))),
    };

    public static BDictionary Info(BDictionary torrent) => (BDictionary)torrent["info"];

    public static byte[] Encode(BValue torrent) => BencodeWriter.Write(torrent);
}
