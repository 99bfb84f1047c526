using System.Security.Cryptography;
using Pactor.Core.Database;
using Pactor.Core.Store;
using Pactor.Core.Tests.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

public sealed class PrefixHasherTests : IDisposable
{
    private const string Name = "zlib-1.3-1-x86_64.pkg.tar.zst";

    // Several of the hasher's 256 KiB reads, and an odd length.
    private static readonly byte[] Content = Bytes(1_000_003, seed: 1);

    private readonly TempDirectory temp = new();
    private readonly RecordingFileReader reader = new();

    public void Dispose() => temp.Dispose();

    private string PackagePath => Path.Combine(temp.Path, Name);

    private static PackageEntry Entry => RepoDatabaseBuilder.EntryFor(Name, Content);

    [Theory]
    [InlineData(1)]
    [InlineData(262_144)]
    [InlineData(700_001)]
    [InlineData(1_000_003)]
    public async Task A_prefix_then_the_tail_give_the_whole_files_SHA256_reading_each_byte_once(int prefixLength)
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(prefixLength / 2);
        await prefix.AdvanceAsync(prefixLength);
        Assert.Equal(prefixLength, prefix.HashedBytes);

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.Equal(VerificationResult.Ok, result);
        Assert.Equal(Content.Length, prefix.HashedBytes);
        var reads = reader.Reads;
        Assert.Equal(Content.Length, reads.Sum(read => (long)read.Length));
        Assert.Equal(reads.Select(read => read.Offset), reads.Select(read => read.Offset).Order().Distinct());
    }

    [Fact]
    public async Task Verification_after_the_prefix_reads_only_the_tail()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(700_000);
        var before = reader.Reads.Count;

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        var tail = reader.Reads.Skip(before).ToList();
        Assert.All(tail, read => Assert.True(read.Offset >= 700_000, $"read at {read.Offset}"));
        Assert.Equal(Content.Length - 700_000, tail.Sum(read => read.Length));
    }

    [Fact]
    public async Task A_file_replaced_after_its_prefix_was_hashed_is_hashed_whole_and_fails()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(600_000);
        var tampered = Tampered(at: 100);
        var replacement = Path.Combine(temp.Path, "replacement");
        await File.WriteAllBytesAsync(replacement, tampered);
        File.Move(replacement, PackagePath, overwrite: true);

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.Equal($"{Name}: SHA-256 {Sha256(tampered)}, database says {Entry.Sha256}", result.Problem);
        Assert.Equal(600_000, reader.BytesRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_prefix_hashed_from_bytes_rewritten_later_never_decides_alone(bool rewrittenTampered)
    {
        // Read before the bytes were final (zeros), then rewritten in place: prefix and tail do not match,
        // and the whole file as it is now decides, its own hash named in the problem.
        await File.WriteAllBytesAsync(PackagePath, new byte[Content.Length]);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(600_000);
        var final = rewrittenTampered ? Tampered(at: 900_000) : Content;
        await using (var file = new FileStream(PackagePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            await file.WriteAsync(final);
        }

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.Equal(
            rewrittenTampered ? $"{Name}: SHA-256 {Sha256(final)}, database says {Entry.Sha256}" : null,
            result.Problem);
        Assert.Equal(!rewrittenTampered, result.IsValid);
    }

    [Fact]
    public async Task A_file_cut_short_after_its_prefix_was_hashed_fails_on_its_size()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(600_000);
        await using (var file = new FileStream(PackagePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(500_000);
        }

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.Equal($"{Name}: size 500000, database says {Content.Length}", result.Problem);
    }

    [Fact]
    public async Task A_file_shorter_than_the_prefix_asked_for_leaves_the_prefix_unused()
    {
        await File.WriteAllBytesAsync(PackagePath, Content.AsSpan(0, 500_000).ToArray());
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(600_000);
        await File.WriteAllBytesAsync(PackagePath, Content);
        await prefix.AdvanceAsync(800_000);

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(500_000, reader.BytesRead);
    }

    [Fact]
    public async Task A_read_error_leaves_the_prefix_unused_and_the_whole_file_decides()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        reader.FailNext = new IOException("Input/output error");
        await prefix.AdvanceAsync(600_000);
        await prefix.AdvanceAsync(800_000);

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(0, prefix.HashedBytes);
        Assert.Equal(0, reader.BytesRead);
    }

    [Fact]
    public async Task One_advance_runs_at_a_time_and_a_later_call_goes_on_from_where_it_stopped()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        using var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        reader.Hold();
        var first = prefix.AdvanceAsync(300_000);
        await PackageServiceTests.WaitUntilAsync(() => reader.Started == 1);

        var second = prefix.AdvanceAsync(900_000);

        Assert.Same(first, second);
        Assert.False(first.IsCompleted);
        reader.Release();
        await first;
        Assert.Equal(300_000, prefix.HashedBytes);
        await prefix.AdvanceAsync(900_000);
        Assert.Equal(900_000, prefix.HashedBytes);
        Assert.Equal(900_000, reader.BytesRead);
    }

    [Fact]
    public async Task Disposing_stops_a_running_advance_and_closes_the_file()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        reader.Hold();
        var advance = prefix.AdvanceAsync(600_000);
        await PackageServiceTests.WaitUntilAsync(() => reader.Started == 1);
        Assert.Contains(PackagePath, OpenFiles());

        prefix.Dispose();
        await advance;

        Assert.True(prefix.IsDisposed);
        Assert.DoesNotContain(PackagePath, OpenFiles());
        reader.Release();
        await prefix.AdvanceAsync(800_000);
        Assert.Equal(0, reader.BytesRead);
    }

    [Fact]
    public async Task A_disposed_prefix_is_not_used_the_whole_file_is_hashed()
    {
        await File.WriteAllBytesAsync(PackagePath, Content);
        var prefix = new PrefixHasher(PackagePath, reader.ReadAsync);
        await prefix.AdvanceAsync(600_000);
        prefix.Dispose();

        var result = await PackageVerifier.VerifyAsync(PackagePath, Entry, prefix, CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(600_000, reader.BytesRead);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Tampered(int at)
    {
        var tampered = Content.ToArray();
        tampered[at] ^= 0xff;
        return tampered;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // What this process has open, as Linux names it.
    private static IEnumerable<string?> OpenFiles() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Select(fd => fd.LinkTarget).ToList();
}
