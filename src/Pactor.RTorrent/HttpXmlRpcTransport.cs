using System.Net.Http.Headers;
using System.Text;

namespace Pactor.RTorrent;

/// <summary>
/// XML-RPC POSTed over HTTP(S), for rtorrent behind a web server (nginx, ruTorrent's /RPC2), with basic
/// auth from the endpoint's user info. Any non-2xx status counts as unreachable.
/// </summary>
public sealed class HttpXmlRpcTransport : IXmlRpcTransport
{
    private readonly RTorrentEndpoint endpoint;
    private readonly HttpClient httpClient;
    private readonly RTorrentOptions options;
    private readonly TimeProvider timeProvider;
    private readonly AuthenticationHeaderValue? authorization;

    /// <param name="httpClient">Used as given; its own <see cref="HttpClient.Timeout"/> should not be shorter than <see cref="RTorrentOptions.CallTimeout"/>.</param>
    public HttpXmlRpcTransport(RTorrentEndpoint endpoint, HttpClient httpClient, RTorrentOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (endpoint.HttpUri is null)
        {
            throw new ArgumentException($"{endpoint} is not an http(s) endpoint", nameof(endpoint));
        }

        this.endpoint = endpoint;
        this.httpClient = httpClient;
        this.options = options;
        this.timeProvider = timeProvider;
        authorization = endpoint.UserName is null
            ? null
            : new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoint.UserName}:{endpoint.Password}")));
    }

    public async Task<byte[]> CallAsync(ReadOnlyMemory<byte> xmlRequestBody, CancellationToken cancellationToken)
    {
        using var deadline = new CallDeadline(options.CallTimeout, timeProvider, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.HttpUri)
        {
            Content = new ReadOnlyMemoryContent(xmlRequestBody),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        request.Headers.Authorization = authorization;
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Unreachable($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > options.MaxReplyBytes)
            {
                throw Unreachable($"the reply is larger than {options.MaxReplyBytes} bytes");
            }

            return await ReadCappedAsync(response.Content, deadline.Token);
        }
        catch (OperationCanceledException e) when (deadline.Expired)
        {
            throw Unreachable($"no reply within {ScgiTransport.Seconds(options.CallTimeout)}", e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e.InnerException?.Message ?? e.Message, e);
        }
        catch (IOException e)
        {
            throw Unreachable($"the reply was cut short: {e.Message}", e);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxReplyBytes)
            {
                throw Unreachable($"the reply is larger than {options.MaxReplyBytes} bytes");
            }
        }

        return buffer.ToArray();
    }

    private RTorrentUnreachableException Unreachable(string reason, Exception? innerException = null) =>
        new(endpoint.ToString(), reason, innerException);
}
