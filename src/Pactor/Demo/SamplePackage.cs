namespace Pactor.Demo;

/// <summary>One package of the demo's sample repository, as written to disk and listed in its database.</summary>
/// <param name="FileName">e.g. <c>pactor-demo-1-1.0-1-any.pkg.tar.gz</c>.</param>
/// <param name="CompressedSize">The package file's size (<c>%CSIZE%</c>).</param>
/// <param name="InstalledSize">The payload's size (<c>%ISIZE%</c>, <c>size</c> in <c>.PKGINFO</c>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the package file (<c>%SHA256SUM%</c>).</param>
public sealed record SamplePackage(
    string Name,
    string Version,
    string Description,
    string FileName,
    string Path,
    long CompressedSize,
    long InstalledSize,
    string Sha256,
    DateTimeOffset BuildDate);
