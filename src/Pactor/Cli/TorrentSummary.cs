using System.Globalization;
using System.Text;
using Pactor.Bencode;

namespace Pactor.Cli;

/// <summary>What <c>pactor torrent info</c> prints, as text or JSON.</summary>
public sealed record TorrentSummary(
    string Name,
    string InfoHash,
    long TotalSize,
    long PieceLength,
    int PieceCount,
    bool Private,
    IReadOnlyList<string> Trackers,
    IReadOnlyList<string> WebSeeds,
    IReadOnlyList<TorrentSummaryFile> Files,
    string? Comment,
    string? CreatedBy,
    DateTimeOffset? CreationDate)
{
    public static TorrentSummary From(Metainfo metainfo) => new(
        metainfo.Name,
        metainfo.InfoHash,
        metainfo.TotalLength,
        metainfo.PieceLength,
        metainfo.PieceCount,
        metainfo.IsPrivate,
        metainfo.Trackers,
        metainfo.WebSeeds,
        [.. metainfo.Files.Select(f => new TorrentSummaryFile(string.Join('/', f.Path), f.Length))],
        metainfo.Comment,
        metainfo.CreatedBy,
        metainfo.CreationDate);

    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, "name", Name);
        Line(text, "info hash", InfoHash);
        Line(text, "total size", $"{TotalSize} bytes ({ByteSize.Format(TotalSize)})");
        Line(text, "piece length", $"{PieceLength} ({ByteSize.Format(PieceLength)})");
        Line(text, "pieces", PieceCount.ToString(CultureInfo.InvariantCulture));
        Line(text, "private", Private ? "yes" : "no");
        Line(text, "trackers", Trackers.Count == 0 ? "(none)" : string.Join(' ', Trackers));
        Line(text, "web seeds", WebSeeds.Count == 0 ? "(none)" : string.Join(' ', WebSeeds));
        if (Comment is not null)
        {
            Line(text, "comment", Comment);
        }

        if (CreatedBy is not null)
        {
            Line(text, "created by", CreatedBy);
        }

        if (CreationDate is { } date)
        {
            Line(text, "created", date.ToString("u", CultureInfo.InvariantCulture));
        }

        if (Files.Count > 1)
        {
            Line(text, "files", Files.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var file in Files)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {file.Length,14}  {file.Path}\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"{label + ":",-14}{value}\n");
}

public sealed record TorrentSummaryFile(string Path, long Length);
