using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class ScrapeUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.10:8001/announce", "http://127.0.0.10:8001/scrape")]
    [InlineData("https://tracker.example/x/announce.php?passkey=1", "https://tracker.example/x/scrape.php?passkey=1")]
    [InlineData("http://t.example/announce/", null)]
    [InlineData("http://t.example/a", null)]
    [InlineData("http://t.example/x/announce", "http://t.example/x/scrape")]
    [InlineData("udp://t.example:6969/announce", null)]
    [InlineData("not a url", null)]
    public void The_last_segment_announce_becomes_scrape_as_BEP_48_says(string announce, string? scrape) =>
        Assert.Equal(scrape, ScrapeUrl.From(announce)?.AbsoluteUri);
}
