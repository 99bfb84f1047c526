using System.Text;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class ScrapeAnswerTests
{
    [Fact]
    public void What_pactor_s_tracker_writes_reads_back_by_upper_case_hash()
    {
        var hash = AnnounceQuery.Hash(5);
        var body = TrackerResponse.Scrape([KeyValuePair.Create(hash, new SwarmCounts(2, 1, 7))]);

        var counts = ScrapeAnswer.Parse(body);

        Assert.Equal(new SwarmCounts(2, 1, 7), counts[Convert.ToHexString(hash)]);
    }

    [Fact]
    public void Fields_a_tracker_leaves_out_count_as_zero()
    {
        var hash = AnnounceQuery.Hash(6);
        var body = Encoding.Latin1.GetBytes($"d5:filesd20:{Encoding.Latin1.GetString(hash)}d8:completei1eeee");

        Assert.Equal(new SwarmCounts(1, 0, 0), ScrapeAnswer.Parse(body)[Convert.ToHexString(hash)]);
    }

    [Theory]
    [InlineData("d14:failure reason36:Requested download is not authorizede", "the tracker refused the scrape: Requested download is not authorized")]
    [InlineData("<html>", "not bencode")]
    [InlineData("le", "not a dictionary")]
    [InlineData("de", "no \"files\"")]
    public void A_refusal_or_a_body_that_is_not_a_scrape_is_one_exception(string body, string problem)
    {
        var e = Assert.Throws<TrackerScrapeException>(() => ScrapeAnswer.Parse(Encoding.Latin1.GetBytes(body)));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
