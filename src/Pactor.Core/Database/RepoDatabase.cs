using System.Collections.Frozen;

namespace Pactor.Core.Database;

/// <summary>The packages of one repo database, by file name.</summary>
public sealed class RepoDatabase(IEnumerable<PackageEntry> entries)
{
    private readonly FrozenDictionary<string, PackageEntry> byFileName =
        entries.ToFrozenDictionary(e => e.FileName, StringComparer.Ordinal);

    public static RepoDatabase Empty { get; } = new([]);

    public int Count => byFileName.Count;

    public IEnumerable<PackageEntry> Entries => byFileName.Values;

    public PackageEntry? Find(string fileName) => byFileName.GetValueOrDefault(fileName);
}
