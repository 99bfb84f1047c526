using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Pactor.Core.Store;

/// <summary>
/// Whether a file kept open is still the one a path names. Linux names every open file in /proc/self/fd: once the
/// path names another file, the kept one reads "PATH (deleted)" or its new name, never the path's own. Elsewhere there
/// is no such name, and the answer is always no (callers then read the file again).
/// </summary>
internal static class OpenFileIdentity
{
    public static bool IsStillAt(SafeFileHandle handle, string path, long length)
    {
        if (RandomAccess.GetLength(handle) != length)
        {
            return false;
        }

        using var current = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return OpenFileName(handle) is { } name && name == OpenFileName(current);
    }

    private static string? OpenFileName(SafeFileHandle handle) =>
        new FileInfo(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{handle.DangerousGetHandle()}")).LinkTarget;
}
