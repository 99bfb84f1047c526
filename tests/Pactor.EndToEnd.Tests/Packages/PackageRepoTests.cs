using System.Globalization;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Packages;

[Collection(EndToEndCollection.Name)]
public sealed class PackageRepoTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Makepkg_and_repo_add_make_a_gzip_repo_whose_database_matches_the_package_files()
    {
        output.WriteLine($"makepkg (3 packages, 22 MB): {fixture.Build.Duration.TotalSeconds:0.00} s; repo-add: {fixture.Repo.RepoAddDuration.TotalSeconds:0.00} s");

        await AssertDatabaseMatchesFilesAsync(fixture.Repo);
        Assert.Equal([0x1f, 0x8b], (await File.ReadAllBytesAsync(fixture.Repo.DatabasePath))[..2]);
    }

    [Theory]
    [InlineData(RepoDatabaseCompression.Zstd, new byte[] { 0x28, 0xb5, 0x2f, 0xfd })]
    [InlineData(RepoDatabaseCompression.Xz, new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a })]
    public async Task Repo_add_makes_zstd_and_xz_databases_too(RepoDatabaseCompression compression, byte[] magic)
    {
        using var mirror = TempDirectory.Create("repo");

        var repo = await fixture.CreateRepoAsync(mirror.Path, "other", compression);

        await AssertDatabaseMatchesFilesAsync(repo);
        Assert.Equal(magic, (await File.ReadAllBytesAsync(repo.DatabasePath))[..magic.Length]);
        Assert.True(File.Exists(Path.Combine(repo.Directory, "other.files")), "repo-add also makes REPO.files");
    }

    [Fact]
    public async Task A_tampered_copy_keeps_the_size_but_not_the_hash_the_database_promises()
    {
        using var mirror = TempDirectory.Create("tamper");
        var copy = fixture.Repo.CopyTo(mirror.Path);
        var medium = copy[PackageRepoFixture.Medium];

        copy.TamperWith(medium);

        var desc = (await RepoDatabaseDump.ReadAsync(copy.DatabasePath))[medium.Name];
        Assert.Equal(desc["%CSIZE%"], new FileInfo(copy.PathOf(medium)).Length.ToString(CultureInfo.InvariantCulture));
        Assert.NotEqual(desc["%SHA256SUM%"], await MakepkgBuilder.Sha256Async(copy.PathOf(medium)));
        Assert.Equal(desc["%SHA256SUM%"], await MakepkgBuilder.Sha256Async(fixture.Repo.PathOf(medium)));
    }

    private static async Task AssertDatabaseMatchesFilesAsync(PackageRepo repo)
    {
        var entries = await RepoDatabaseDump.ReadAsync(repo.DatabasePath);

        Assert.Equal(repo.PackageNames.Order(), entries.Keys.Order());
        foreach (var package in repo.Packages)
        {
            var desc = entries[package.Name];
            var path = repo.PathOf(package);
            Assert.Equal(package.FileName, desc["%FILENAME%"]);
            Assert.Equal(package.Version, desc["%VERSION%"]);
            Assert.Equal(new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture), desc["%CSIZE%"]);
            Assert.Equal(await MakepkgBuilder.Sha256Async(path), desc["%SHA256SUM%"]);
            Assert.Equal(package.Files.Sum(file => file.Size).ToString(CultureInfo.InvariantCulture), desc["%ISIZE%"]);
        }
    }
}
