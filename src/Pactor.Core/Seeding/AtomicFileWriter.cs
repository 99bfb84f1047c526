namespace Pactor.Core.Seeding;

/// <summary>Writes a file so readers see the old bytes or all of the new ones: a hidden temporary file in the same folder, then rename.</summary>
public static class AtomicFileWriter
{
    /// <summary>The prefix and suffix of the temporary files, which a tree watcher ignores.</summary>
    public const string TempPrefix = ".";
    public const string TempSuffix = ".tmp";

    private const UnixFileMode PublishedMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="lastWriteUtc">Given: the file's modification time, set before it becomes visible.</param>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, DateTime? lastWriteUtc, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $"{TempPrefix}{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // Published files are read by others: the web server, opentracker running as nobody. rw-r--r--, whatever the umask.
                File.SetUnixFileMode(temp, PublishedMode);
            }

            if (lastWriteUtc is { } time)
            {
                File.SetLastWriteTimeUtc(temp, time);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // Leave no temporary file behind whatever went wrong; the caller sees the original exception.
            File.Delete(temp);
            throw;
        }
    }
}
