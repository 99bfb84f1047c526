namespace Pactor.Core.Database;

/// <summary>One package as the repo database describes it: what a downloaded file must match.</summary>
public sealed record PackageEntry(string FileName, string Name, string Version, long CompressedSize, string Sha256);
