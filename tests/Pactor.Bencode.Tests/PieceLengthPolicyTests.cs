namespace Pactor.Bencode.Tests;

public sealed class PieceLengthPolicyTests
{
    [Theory]
    [InlineData(0L, 16 * 1024)]
    [InlineData(200 * 1024L, 16 * 1024)]
    [InlineData(1024 * 1024L - 1, 16 * 1024)]
    [InlineData(1024 * 1024L, 32 * 1024)]
    [InlineData(20 * 1024 * 1024L, 512 * 1024)]
    [InlineData(128 * 1024 * 1024L, 4 * 1024 * 1024)]
    [InlineData(10L * 1024 * 1024 * 1024, 4 * 1024 * 1024)]
    [InlineData(long.MaxValue, 4 * 1024 * 1024)]
    public void Choose_picks_the_largest_power_of_two_that_still_gives_32_pieces(long totalLength, int expected)
    {
        var pieceLength = PieceLengthPolicy.Choose(totalLength);

        Assert.Equal(expected, pieceLength);
    }

    [Fact]
    public void Choose_gives_at_least_32_pieces_whenever_the_minimum_allows()
    {
        for (long total = 1; total < 1L << 40; total = (total * 3) + 1)
        {
            var pieceLength = PieceLengthPolicy.Choose(total);

            Assert.True(int.IsPow2(pieceLength));
            Assert.InRange(pieceLength, PieceLengthPolicy.Min, PieceLengthPolicy.Max);
            if (pieceLength > PieceLengthPolicy.Min && pieceLength < PieceLengthPolicy.Max)
            {
                Assert.InRange(total / pieceLength, 32, 63);
            }
            else if (pieceLength == PieceLengthPolicy.Max)
            {
                Assert.True(total / pieceLength >= 32);
            }
        }
    }

    [Theory]
    [InlineData(16 * 1024, true)]
    [InlineData(64 * 1024 * 1024, true)]
    [InlineData(8 * 1024, false)]
    [InlineData(128 * 1024 * 1024, false)]
    [InlineData(3 * 16 * 1024, false)]
    [InlineData(0, false)]
    [InlineData(-16384, false)]
    public void IsAllowed_accepts_powers_of_two_from_16_KiB_to_64_MiB(int pieceLength, bool expected)
    {
        Assert.Equal(expected, PieceLengthPolicy.IsAllowed(pieceLength));
    }

    [Fact]
    public void Choose_refuses_a_negative_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PieceLengthPolicy.Choose(-1));
    }
}
