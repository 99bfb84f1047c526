using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using SharpCompress.Compressors.Xz;
using ZstdDecompressionStream = SharpCompress.Compressors.ZStandard.DecompressionStream;

namespace Pactor.Core.Database;

/// <summary>
/// Reads a pacman repo database (<c>REPO.db</c>: a tar of <c>NAME-VER/desc</c> files), compressed
/// with gzip, zstd or xz, or plain; the compression is recognised by its magic bytes, as repo-add
/// names every form <c>REPO.db</c>.
/// </summary>
public static class RepoDatabaseReader
{
    public static RepoDatabase Read(Stream stream)
    {
        try
        {
            using var tar = new TarReader(Decompress(stream), leaveOpen: false);
            var entries = new List<PackageEntry>();
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                    && entry.Name.EndsWith("/desc", StringComparison.Ordinal)
                    && entry.DataStream is { } data)
                {
                    entries.Add(DescParser.Parse(entry.Name, data));
                }
            }

            return new RepoDatabase(entries);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException
            or SharpCompress.Compressors.ZStandard.ZstdException or ArgumentException or IOException)
        {
            throw new RepoDatabaseException($"not a readable repo database: {e.Message}", e);
        }
    }

    public static RepoDatabase Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    private static Stream Decompress(Stream stream)
    {
        var buffered = new BufferedStream(stream, 64 * 1024);
        Span<byte> magic = stackalloc byte[6];
        var read = buffered.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        var head = new MagicPrefixStream(magic[..read].ToArray(), buffered);
        return magic[..read] switch
        {
            [0x1f, 0x8b, ..] => new GZipStream(head, CompressionMode.Decompress),
            [0x28, 0xb5, 0x2f, 0xfd, ..] => new ZstdDecompressionStream(head, 64 * 1024, checkEndOfStream: true, leaveOpen: false),
            [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] => new XZStream(head),
            _ when read == 0 => throw new InvalidDataException("empty file"),
            _ => head,
        };
    }

    private static class DescParser
    {
        public static PackageEntry Parse(string entryName, Stream data)
        {
            using var reader = new StreamReader(data, Encoding.UTF8, leaveOpen: true);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            string? key = null;
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 2 && line[0] == '%' && line[^1] == '%')
                {
                    key = line[1..^1];
                }
                else if (key is not null && line.Length > 0 && !fields.ContainsKey(key))
                {
                    fields[key] = line; // multi-valued fields keep their first value; pactor needs none of the others
                }
            }

            var fileName = Required(fields, "FILENAME", entryName);
            var sizeText = Required(fields, "CSIZE", entryName);
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new FormatException($"{entryName}: %CSIZE% '{sizeText}' is not a size");
            }

            var sha256 = Required(fields, "SHA256SUM", entryName).ToLowerInvariant();
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            {
                throw new FormatException($"{entryName}: %SHA256SUM% is not 64 hex digits");
            }

            return new PackageEntry(fileName, Required(fields, "NAME", entryName), Required(fields, "VERSION", entryName), size, sha256);
        }

        private static string Required(Dictionary<string, string> fields, string key, string entryName) =>
            fields.TryGetValue(key, out var value) ? value : throw new FormatException($"{entryName}: no %{key}%");
    }
}
