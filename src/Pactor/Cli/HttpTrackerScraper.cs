using System.Globalization;
using System.Text;
using Pactor.Core.Seeding;
using Pactor.Core.Tracker;

namespace Pactor.Cli;

/// <summary>
/// <c>GET SCRAPE?info_hash=…&amp;info_hash=…</c> over HTTP, each hash as its 20 raw bytes percent-encoded (BEP 48),
/// answered within <see cref="Timeout"/>; every failure becomes <see cref="TrackerScrapeException"/>.
/// </summary>
public sealed class HttpTrackerScraper(HttpClient http) : ITrackerScraper
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const int MaxAnswerBytes = 1024 * 1024;

    public async Task<IReadOnlyDictionary<string, SwarmCounts>> ScrapeAsync(Uri scrapeUrl, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scrapeUrl);
        ArgumentNullException.ThrowIfNull(hashes);
        var query = new StringBuilder(scrapeUrl.Query.Length == 0 ? "?" : scrapeUrl.Query + "&");
        query.AppendJoin('&', hashes.Select(hash => "info_hash=" + string.Concat(Convert.FromHexString(hash).Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)))));
        var url = new UriBuilder(scrapeUrl) { Query = query.ToString()[1..] }.Uri;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new TrackerScrapeException($"{scrapeUrl} answered {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > MaxAnswerBytes)
                {
                    throw new TrackerScrapeException($"{scrapeUrl}: the answer is over {MaxAnswerBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return ScrapeAnswer.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (HttpRequestException e)
        {
            throw new TrackerScrapeException($"{scrapeUrl}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TrackerScrapeException($"{scrapeUrl}: no answer within {Timeout.TotalSeconds:0} s", e);
        }
    }
}
