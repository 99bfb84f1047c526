namespace Pactor.Bencode;

/// <summary>Reads the file layout of an info dictionary: <c>length</c> (single file) or <c>files</c> (multi-file), never both.</summary>
internal static class InfoFiles
{
    public static IReadOnlyList<MetainfoFile> Read(BDictionary info, string name, out long totalLength)
    {
        var length = TorrentFields.Optional<BInteger>(info, "length", "info");
        var files = TorrentFields.Optional<BList>(info, "files", "info");
        if (length is not null && files is not null)
        {
            throw TorrentFields.Invalid("'info' has both 'length' and 'files'", info);
        }

        if (length is not null)
        {
            totalLength = CheckLength(length, "info.length");
            return [new MetainfoFile([name], totalLength)];
        }

        if (files is null)
        {
            throw TorrentFields.Invalid("'info' has neither 'length' nor 'files'", info);
        }

        if (files.Count == 0)
        {
            throw TorrentFields.Invalid("'info.files' is empty", files);
        }

        var result = new List<MetainfoFile>(files.Count);
        totalLength = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var where = $"info.files[{i}]";
            var file = TorrentFields.Item<BDictionary>(files[i], where);
            var fileLength = CheckLength(TorrentFields.Required<BInteger>(file, "length", where), where + ".length");
            if (fileLength > long.MaxValue - totalLength)
            {
                throw TorrentFields.Invalid("the total length of the files does not fit in 64 bits", file);
            }

            totalLength += fileLength;
            result.Add(new MetainfoFile(ReadPath(TorrentFields.Required<BList>(file, "path", where), where + ".path"), fileLength));
        }

        return result;
    }

    private static long CheckLength(BInteger length, string where) =>
        length.Value >= 0 ? length.Value : throw TorrentFields.Invalid($"'{where}' is negative", length);

    private static string[] ReadPath(BList path, string where)
    {
        if (path.Count == 0)
        {
            throw TorrentFields.Invalid($"'{where}' is empty", path);
        }

        var segments = new string[path.Count];
        for (var i = 0; i < path.Count; i++)
        {
            var segmentWhere = $"{where}[{i}]";
            segments[i] = TorrentFields.PathSegment(TorrentFields.Item<BString>(path[i], segmentWhere), segmentWhere);
        }

        return segments;
    }
}
