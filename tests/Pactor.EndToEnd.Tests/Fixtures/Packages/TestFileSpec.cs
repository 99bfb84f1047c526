namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>A file a test package installs: <paramref name="Size"/> bytes of random data from <paramref name="Seed"/> (the same every run).</summary>
/// <param name="InstallPath">Relative to the install root, e.g. <c>usr/share/e2e-small/payload.bin</c>.</param>
public sealed record TestFileSpec(string InstallPath, long Size, int Seed)
{
    /// <summary>Writes the content to <paramref name="path"/>.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        // Random(seed) is the stable legacy generator: same seed, same bytes, every run.
        var random = new Random(Seed);
        var buffer = new byte[1024 * 1024];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
        for (var left = Size; left > 0; left -= buffer.Length)
        {
            var chunk = buffer.AsMemory(0, (int)Math.Min(left, buffer.Length));
            random.NextBytes(chunk.Span);
            await file.WriteAsync(chunk, cancellationToken);
        }
    }
}
