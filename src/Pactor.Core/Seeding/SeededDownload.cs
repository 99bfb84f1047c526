namespace Pactor.Core.Seeding;

/// <summary>A download the seedbox client holds.</summary>
/// <param name="Hash">Upper-case info hash.</param>
/// <param name="Label">The tag it was loaded with (rtorrent's <c>d.custom1</c>); empty when none.</param>
/// <param name="Directory">The directory its data is in (for a single-file torrent, the file's directory).</param>
/// <param name="IsComplete">Every piece is checked on disk: the client seeds it (not while it still hash-checks).</param>
public sealed record SeededDownload(string Hash, string Label, string Directory, bool IsComplete = false);
