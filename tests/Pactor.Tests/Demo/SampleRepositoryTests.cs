using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Pactor.Core.Database;
using Pactor.Demo;
using Pactor.RTorrent.Tests.Integration;
using Pactor.Tests.Cli;

namespace Pactor.Tests.Demo;

/// <summary>The demo's hand-made repository, read by pactor's own database reader and by real pacman.</summary>
public sealed class SampleRepositoryTests : IDisposable
{
    private const long PayloadSize = 100 * 1024;
    private static readonly DateTimeOffset BuildDate = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task The_database_lists_every_package_with_its_size_and_sha256_and_the_db_name_holds_the_same_bytes()
    {
        var repository = await SampleRepository.CreateAsync(work.Path, 2, PayloadSize, BuildDate, CancellationToken.None);

        var database = RepoDatabaseReader.Read(Path.Combine(repository.Folder, "pactor-demo.db"));

        Assert.Equal(Path.Combine(work.Path, "pactor-demo", "os", SampleRepository.MachineArch), repository.Folder);
        Assert.Equal(["pactor-demo-1", "pactor-demo-2"], database.Entries.Select(p => p.Name).Order());
        foreach (var entry in database.Entries)
        {
            var path = Path.Combine(repository.Folder, entry.FileName);
            Assert.Equal($"{entry.Name}-1.0-1-any.pkg.tar.gz", entry.FileName);
            Assert.Equal(new FileInfo(path).Length, entry.CompressedSize);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), entry.Sha256);
            Assert.Equal(entry.Sha256, repository.Packages.Single(p => p.Name == entry.Name).Sha256);
        }

        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(repository.Folder, "pactor-demo.db.tar.gz")),
            await File.ReadAllBytesAsync(Path.Combine(repository.Folder, "pactor-demo.db")));
    }

    [Fact]
    public async Task A_package_holds_its_pkginfo_first_and_a_payload_of_random_bytes()
    {
        var repository = await SampleRepository.CreateAsync(work.Path, 1, PayloadSize, BuildDate, CancellationToken.None);
        var package = repository.Packages.Single();

        var entries = new List<(string Name, long Length)>();
        await using (var file = File.OpenRead(package.Path))
        {
            await using var tar = new TarReader(new GZipStream(file, CompressionMode.Decompress));
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                entries.Add((entry.Name, entry.Length));
            }
        }

        Assert.Equal(".PKGINFO", entries[0].Name);
        Assert.Equal(("usr/share/pactor-demo/pactor-demo-1.bin", PayloadSize), entries[^1]);
        Assert.Equal(PayloadSize, package.InstalledSize);
    }

    [Fact]
    public async Task Pacman_reads_the_package_as_makepkg_would_have_written_it()
    {
        var pacman = ExternalProgram.Require("pacman", "pacman-package-manager");
        var repository = await SampleRepository.CreateAsync(work.Path, 1, PayloadSize, BuildDate, CancellationToken.None);
        Directory.CreateDirectory(work.File("pacman-db"));

        var start = new ProcessStartInfo(pacman) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--dbpath", work.File("pacman-db"), "-Qip", repository.Packages[0].Path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Matches(@"Name\s+: pactor-demo-1\n", stdout);
        Assert.Matches(@"Version\s+: 1\.0-1\n", stdout);
        Assert.Matches(@"Architecture\s+: any\n", stdout);
        Assert.Matches(@"Installed Size\s+: 100\.00 KiB\n", stdout);
    }
}
