using Microsoft.Extensions.Logging;

namespace Pactor.Core.Tracker;

/// <summary>
/// The info hashes the tracker accepts, from a file of 40-hex lines (blank lines and <c>#</c> comments
/// skipped). The file's time and size are checked at most once a second and it is re-read when they change,
/// so <c>pactor seed</c> can rewrite it while the tracker runs. A missing file allows nothing.
/// </summary>
public sealed partial class TrackerWhitelist(string path, TimeProvider time, ILogger<TrackerWhitelist> logger)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private HashSet<string> hashes = new(StringComparer.Ordinal);
    private (DateTime Written, long Length)? loaded;
    private DateTimeOffset nextCheck = DateTimeOffset.MinValue;

    public string Path { get; } = path;

    /// <param name="infoHashHex">40 upper-case hex digits.</param>
    public bool Allows(string infoHashHex)
    {
        lock (gate)
        {
            Refresh();
            return hashes.Contains(infoHashHex);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                Refresh();
                return hashes.Count;
            }
        }
    }

    private void Refresh()
    {
        var now = time.GetUtcNow();
        if (now < nextCheck)
        {
            return;
        }

        var first = nextCheck == DateTimeOffset.MinValue;
        nextCheck = now + CheckEvery;
        var file = new FileInfo(Path);
        (DateTime, long)? stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
        if (stamp == loaded && !first)
        {
            return;
        }

        if (stamp is null)
        {
            hashes = new HashSet<string>(StringComparer.Ordinal);
            loaded = null;
            LogMissing(Path);
            return;
        }

        try
        {
            var lines = File.ReadAllLines(Path);
            var read = new HashSet<string>(StringComparer.Ordinal);
            var invalid = 0;
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line.Length == 40 && line.All(char.IsAsciiHexDigit))
                {
                    read.Add(line.ToUpperInvariant());
                }
                else
                {
                    invalid++;
                }
            }

            hashes = read;
            loaded = stamp;
            LogLoaded(Path, read.Count, invalid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Kept: the previous list stays in force and the file is tried again at the next check.
            LogUnreadable(Path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker whitelist {Path}: {Count} info hashes, {Invalid} lines that are not one")]
    private partial void LogLoaded(string path, int count, int invalid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracker whitelist {Path} does not exist: every announce is refused until it does")]
    private partial void LogMissing(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracker whitelist {Path} could not be read, the previous list stays: {Reason}")]
    private partial void LogUnreadable(string path, string reason);
}
