namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>A file inside a built package, as pacman should install it.</summary>
public sealed record BuiltFile(string InstallPath, long Size, string Sha256);
