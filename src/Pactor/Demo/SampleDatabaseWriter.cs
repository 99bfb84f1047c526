using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Pactor.Demo;

/// <summary>
/// Writes a pacman repo database as repo-add does: a gzip tar with a <c>NAME-VERSION/</c> folder and its
/// <c>desc</c> file per package, saved as <c>REPO.db.tar.gz</c> and <c>REPO.db</c> (which pacman downloads).
/// </summary>
internal static class SampleDatabaseWriter
{
    public static async Task WriteAsync(string folder, string repo, IReadOnlyList<SamplePackage> packages, CancellationToken cancellationToken)
    {
        var archive = Path.Combine(folder, $"{repo}.db.tar.gz");
        await using (var file = File.Create(archive))
        {
            await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            await using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
            foreach (var package in packages)
            {
                var entry = $"{package.Name}-{package.Version}/";
                await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, entry) { ModificationTime = package.BuildDate }, cancellationToken);
                await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, entry + "desc")
                {
                    ModificationTime = package.BuildDate,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Describe(package)), writable: false),
                }, cancellationToken);
            }
        }

        // repo-add makes REPO.db a symbolic link; a copy serves the same bytes without one.
        File.Copy(archive, Path.Combine(folder, $"{repo}.db"), overwrite: true);
    }

    // One "%KEY%" line, its value, a blank line: the layout pacman's database parser expects.
    private static string Describe(SamplePackage package)
    {
        var text = new StringBuilder();
        Field(text, "FILENAME", package.FileName);
        Field(text, "NAME", package.Name);
        Field(text, "BASE", package.Name);
        Field(text, "VERSION", package.Version);
        Field(text, "DESC", package.Description);
        Field(text, "CSIZE", package.CompressedSize.ToString(CultureInfo.InvariantCulture));
        Field(text, "ISIZE", package.InstalledSize.ToString(CultureInfo.InvariantCulture));
        Field(text, "SHA256SUM", package.Sha256);
        Field(text, "ARCH", "any");
        Field(text, "BUILDDATE", package.BuildDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Field(text, "PACKAGER", SamplePackageWriter.Packager);
        return text.ToString();
    }

    private static void Field(StringBuilder text, string key, string value) => text.Append('%').Append(key).Append("%\n").Append(value).Append("\n\n");
}
