namespace Pactor.RTorrent;

/// <summary>
/// Decides which path erasing a download's data may delete: only DIRECTORY/NAME of that download, where
/// NAME is one plain path segment and DIRECTORY is an absolute, normalized, non-root directory.
/// </summary>
internal static class DownloadDataPath
{
    /// <param name="basePath"><c>d.base_path</c>: empty until the download was first opened.</param>
    /// <param name="directory"><c>d.directory</c>: the parent of a single file, the folder itself for a multi-file torrent.</param>
    /// <returns>The path to delete, or null with the reason it is unsafe.</returns>
    public static string? Choose(string basePath, string directory, string name, bool isMultiFile, out string? problem)
    {
        problem = Problem(directory, name);
        if (problem is not null)
        {
            return null;
        }

        var parent = isMultiFile ? Path.GetDirectoryName(directory) : directory;
        var expected = isMultiFile ? directory : Path.Join(directory, name);
        if (isMultiFile && Path.GetFileName(directory) != name)
        {
            problem = $"the multi-file directory '{directory}' does not end in the download's name '{name}'";
        }
        else if (parent is null or "/" || !Path.IsPathFullyQualified(parent))
        {
            problem = $"'{expected}' is directly under the root directory";
        }
        else if (basePath.Length > 0 && basePath != expected)
        {
            problem = $"rtorrent's base path '{basePath}' is not '{expected}'";
        }

        return problem is null ? expected : null;
    }

    private static string? Problem(string directory, string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            return $"the download's name '{name}' is not a plain file name";
        }

        if (!Path.IsPathFullyQualified(directory) || Path.GetFullPath(directory) != directory || (directory != "/" && Path.EndsInDirectorySeparator(directory)))
        {
            return $"the download's directory '{directory}' is not a normalized absolute path";
        }

        return null;
    }

    /// <summary>Deletes a file, a folder with everything in it, or just the link when the path is a symbolic link.</summary>
    /// <returns>False when nothing was there.</returns>
    public static bool Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path))
        {
            info.Delete();
            return true;
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
            return true;
        }

        return false;
    }
}
