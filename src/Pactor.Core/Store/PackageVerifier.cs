using System.Security.Cryptography;
using Pactor.Core.Database;

namespace Pactor.Core.Store;

/// <summary>Checks a file's size and SHA-256 against its repo database entry, streaming.</summary>
public static class PackageVerifier
{
    public static async Task<VerificationResult> VerifyAsync(string path, PackageEntry entry, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return VerificationResult.Fail($"{entry.FileName}: file missing");
        }

        if (info.Length != entry.CompressedSize)
        {
            return VerificationResult.Fail($"{entry.FileName}: size {info.Length}, database says {entry.CompressedSize}");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        return hash == entry.Sha256
            ? VerificationResult.Ok
            : VerificationResult.Fail($"{entry.FileName}: SHA-256 {hash}, database says {entry.Sha256}");
    }
}
