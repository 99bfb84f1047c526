namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>A package made by makepkg: its archive (<see cref="FileName"/>, size, SHA-256 as lower-case hex) and what it installs.</summary>
public sealed record BuiltPackage(string Name, string Version, string FileName, long Size, string Sha256, IReadOnlyList<BuiltFile> Files)
{
    /// <summary>The directory pacman's local database keeps for it: <c>DBPATH/local/NAME-VERSION</c>.</summary>
    public string LocalDatabaseEntry => $"{Name}-{Version}";
}
