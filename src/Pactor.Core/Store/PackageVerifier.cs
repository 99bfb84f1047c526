using System.Security.Cryptography;
using Pactor.Core.Database;

namespace Pactor.Core.Store;

/// <summary>Checks a file's size and SHA-256 against its repo database entry, streaming.</summary>
public static class PackageVerifier
{
    public static Task<VerificationResult> VerifyAsync(string path, PackageEntry entry, CancellationToken cancellationToken) =>
        VerifyAsync(path, entry, prefix: null, cancellationToken);

    /// <summary>
    /// As <see cref="VerifyAsync(string, PackageEntry, CancellationToken)"/>, reading only what <paramref name="prefix"/>
    /// has not hashed yet. Only a match is taken from the prefix: without a usable prefix, or when prefix and tail
    /// do not match, the whole file is hashed again and decides (and names its hash in the problem).
    /// </summary>
    public static async Task<VerificationResult> VerifyAsync(string path, PackageEntry entry, PrefixHasher? prefix, CancellationToken cancellationToken)
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

        if (prefix is not null && await prefix.FinishAsync(info.Length, cancellationToken) is { } continued
            && Convert.ToHexStringLower(continued) == entry.Sha256)
        {
            return VerificationResult.Ok;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        return hash == entry.Sha256
            ? VerificationResult.Ok
            : VerificationResult.Fail($"{entry.FileName}: SHA-256 {hash}, database says {entry.Sha256}");
    }
}
