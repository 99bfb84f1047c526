using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Pactor.Core.Database;

namespace Pactor.Core.Tests.Support;

/// <summary>Builds repo databases the way repo-add lays them out: a tar of NAME-VER/desc files.</summary>
internal sealed class RepoDatabaseBuilder
{
    private readonly List<(PackageEntry Entry, string? Extra)> entries = [];

    public static PackageEntry EntryFor(string fileName, byte[] content) =>
        new(fileName, fileName.Split('-')[0], "1.0-1", content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));

    public RepoDatabaseBuilder Add(PackageEntry entry, string? extraDesc = null)
    {
        entries.Add((entry, extraDesc));
        return this;
    }

    public byte[] BuildTar()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (entry, extra) in entries)
            {
                var folder = $"{entry.Name}-{entry.Version}";
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder + "/"));
                var desc = $"%FILENAME%\n{entry.FileName}\n\n%NAME%\n{entry.Name}\n\n%VERSION%\n{entry.Version}\n\n"
                    + $"%CSIZE%\n{entry.CompressedSize}\n\n%ISIZE%\n{entry.CompressedSize * 3}\n\n"
                    + $"%MD5SUM%\n{new string('0', 32)}\n\n%SHA256SUM%\n{entry.Sha256}\n\n%DEPENDS%\nglibc\nbash\n\n{extra}";
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, folder + "/desc") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(desc)) });
            }
        }

        return buffer.ToArray();
    }

    public byte[] BuildGzip()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(BuildTar());
        }

        return buffer.ToArray();
    }
}
