using Pactor.Core.Seeding;

namespace Pactor.Cli;

/// <summary>
/// <see cref="AtomicFileWriter"/> for a command: readers see the old bytes or all of the new ones, and a failure is
/// one <see cref="CliException"/> line naming the file.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFileWriter.WriteAsync(Path.GetFullPath(path), bytes, lastWriteUtc: null, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write: {e.Message}", e);
        }
    }
}
