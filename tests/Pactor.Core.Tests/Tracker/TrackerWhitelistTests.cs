using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Tests.Support;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class TrackerWhitelistTests : IDisposable
{
    private const string A = "0123456789ABCDEF0123456789ABCDEF01234567";
    private const string B = "FEDCBA9876543210FEDCBA9876543210FEDCBA98";
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    private string File => Path.Combine(temp.Path, "whitelist.txt");

    [Fact]
    public void Hashes_are_read_one_a_line_in_either_case_skipping_blanks_comments_and_junk()
    {
        System.IO.File.WriteAllText(File, $"# published by pactor seed\n{A.ToLowerInvariant()}\n\n  {B}  \nnot a hash\n{A}00\n");
        var whitelist = Whitelist();

        Assert.True(whitelist.Allows(A));
        Assert.True(whitelist.Allows(B));
        Assert.Equal(2, whitelist.Count);
        Assert.False(whitelist.Allows("0000000000000000000000000000000000000000"));
    }

    [Fact]
    public void A_missing_file_allows_nothing_until_it_appears()
    {
        var whitelist = Whitelist();
        Assert.False(whitelist.Allows(A));

        System.IO.File.WriteAllText(File, A + "\n");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(whitelist.Allows(A));
    }

    [Fact]
    public void A_rewritten_file_is_reread_at_the_next_check_a_second_later()
    {
        System.IO.File.WriteAllText(File, A + "\n");
        var whitelist = Whitelist();
        Assert.True(whitelist.Allows(A));

        // Written as pactor seed writes it: a new file renamed over the old one.
        var next = File + ".new";
        System.IO.File.WriteAllText(next, B + "\n");
        System.IO.File.SetLastWriteTimeUtc(next, System.IO.File.GetLastWriteTimeUtc(File).AddSeconds(1));
        System.IO.File.Move(next, File, overwrite: true);
        var withinTheSecond = whitelist.Allows(A);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(withinTheSecond);
        Assert.False(whitelist.Allows(A));
        Assert.True(whitelist.Allows(B));
    }

    [Fact]
    public void A_deleted_file_allows_nothing_any_more()
    {
        System.IO.File.WriteAllText(File, A + "\n");
        var whitelist = Whitelist();
        Assert.True(whitelist.Allows(A));

        System.IO.File.Delete(File);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(whitelist.Allows(A));
    }

    public void Dispose() => temp.Dispose();

    private TrackerWhitelist Whitelist() => new(File, time, NullLogger<TrackerWhitelist>.Instance);
}
