using System.Text;

namespace Pactor.Core.Seeding;

/// <summary>
/// opentracker's whitelist (<c>-w FILE</c>, Debian's build is whitelist-only): one 40-hex info hash per line.
/// opentracker rereads it on SIGHUP.
/// </summary>
public static class WhitelistFile
{
    /// <summary>The file's content: the distinct hashes, upper case, sorted, each on its own line.</summary>
    public static string Render(IEnumerable<string> infoHashes)
    {
        ArgumentNullException.ThrowIfNull(infoHashes);
        var text = new StringBuilder();
        foreach (var hash in infoHashes.Select(h => h.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            text.Append(hash).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the whitelist atomically, unless it already holds exactly these hashes.</summary>
    /// <returns>True when the file was written.</returns>
    public static async Task<bool> WriteAsync(string path, IEnumerable<string> infoHashes, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var content = Encoding.ASCII.GetBytes(Render(infoHashes));
        if (File.Exists(full) && (await File.ReadAllBytesAsync(full, cancellationToken)).AsSpan().SequenceEqual(content))
        {
            return false;
        }

        await AtomicFileWriter.WriteAsync(full, content, lastWriteUtc: null, cancellationToken);
        return true;
    }
}
