using System.Diagnostics;
using Pactor.Core.Database;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Database;

public sealed class RepoDatabaseReaderTests
{
    private static readonly PackageEntry Zlib = RepoDatabaseBuilder.EntryFor("zlib-1:1.3-1-x86_64.pkg.tar.zst", [1, 2, 3]);
    private static readonly PackageEntry Bash = RepoDatabaseBuilder.EntryFor("bash-5.2-1-x86_64.pkg.tar.zst", [4, 5, 6, 7]);

    private static RepoDatabaseBuilder Builder() => new RepoDatabaseBuilder().Add(Zlib).Add(Bash);

    [Fact]
    public void Reads_a_gzip_database()
    {
        var database = RepoDatabaseReader.Read(new MemoryStream(Builder().BuildGzip()));

        Assert.Equal(2, database.Count);
        Assert.Equal(Zlib, database.Find(Zlib.FileName));
        Assert.Equal(Bash, database.Find(Bash.FileName));
        Assert.Null(database.Find("nope-1-1-any.pkg.tar.zst"));
    }

    [Fact]
    public void Reads_a_plain_tar_database()
    {
        var database = RepoDatabaseReader.Read(new MemoryStream(Builder().BuildTar()));

        Assert.Equal(Zlib, database.Find(Zlib.FileName));
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("xz")]
    public void Reads_databases_compressed_by_the_real_tools(string tool)
    {
        var compressed = Compress(tool, Builder().BuildTar());

        var database = RepoDatabaseReader.Read(new MemoryStream(compressed));

        Assert.Equal(Bash, database.Find(Bash.FileName));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x1f, 0x8b, 1, 2, 3 })]
    [InlineData(new byte[] { 0x28, 0xb5, 0x2f, 0xfd, 9, 9, 9 })]
    [InlineData(new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1 })]
    public void Garbage_is_a_typed_error(byte[] bytes)
    {
        Assert.Throws<RepoDatabaseException>(() => RepoDatabaseReader.Read(new MemoryStream(bytes)));
    }

    [Fact]
    public void An_entry_without_a_checksum_is_a_typed_error()
    {
        var bad = Zlib with { Sha256 = "xyz" };

        var e = Assert.Throws<RepoDatabaseException>(() => RepoDatabaseReader.Read(new MemoryStream(new RepoDatabaseBuilder().Add(bad).BuildGzip())));

        Assert.Contains("%SHA256SUM%", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Compress(string tool, byte[] data)
    {
        var start = new ProcessStartInfo(tool, "-c -q")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed (scripts/test.sh installs it)", e);
        }

        using (process)
        {
            var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            process.StandardInput.BaseStream.Write(data);
            process.StandardInput.Close();
            copy.Wait(TimeSpan.FromSeconds(30));
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.ToArray();
        }
    }
}
