using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>
/// Reads a repo database with bsdtar (the tool pacman's own scripts use), independently of pactor's reader:
/// one <c>%FIELD%</c> → value map per <c>NAME-VERSION/desc</c> entry, keyed by <c>%NAME%</c>.
/// </summary>
public static class RepoDatabaseDump
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadAsync(
        string databasePath, CancellationToken cancellationToken = default)
    {
        using var work = TempDirectory.Create("dbdump");
        (await ExternalCommand.RunAsync("bsdtar", ["-xf", Path.GetFullPath(databasePath), "-C", work.Path], cancellationToken: cancellationToken)).EnsureSuccess();
        var entries = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var desc in Directory.EnumerateFiles(work.Path, "desc", SearchOption.AllDirectories))
        {
            var fields = Parse(await File.ReadAllTextAsync(desc, cancellationToken));
            entries[fields["%NAME%"]] = fields;
        }

        return entries;
    }

    // desc: "%FIELD%\nvalue\n[value\n]\n" blocks; multi-value fields are kept joined by '\n'.
    private static Dictionary<string, string> Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n');
            fields[lines[0]] = string.Join('\n', lines.Skip(1));
        }

        return fields;
    }
}
