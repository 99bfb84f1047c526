using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net.Http.Json;
using System.Text.Json;
using Pactor.Hosting;
using Pactor.Hosting.Status;

namespace Pactor.Cli;

/// <summary>
/// <c>pactor status [--url URL] [--json] [--once]</c>: what a running <c>pactor serve</c> is doing, read from its
/// <c>/api/status</c>. Redrawn every second on a terminal (until Ctrl-C), printed once otherwise.
/// </summary>
public static class StatusCommand
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    // Home, clear screen: each refresh redraws the whole picture in place.
    private const string ClearScreen = "\u001b[H\u001b[2J";

    public static Command Build(CliConsole console)
    {
        var url = new Option<Uri>("--url", "-u")
        {
            Description = "Where pactor serve listens.",
            HelpName = "URL",
            DefaultValueFactory = _ => new Uri(ServeOptions.DefaultListen),
            CustomParser = ParseUrl,
        };
        var json = new Option<bool>("--json") { Description = "Print the raw /api/status JSON once, for scripts." };
        var once = new Option<bool>("--once") { Description = "Print once even on a terminal." };
        var command = new Command("status", "Show what a running pactor serve is doing: downloads, recent requests, totals, rtorrent.") { url, json, once };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var baseUrl = parse.GetValue(url)!;
            using var http = new HttpClient { Timeout = RequestTimeout };
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(await FetchAsync(http, baseUrl, body => body, cancellationToken));
                return ExitCodes.Ok;
            }

            var status = await FetchAsync(http, baseUrl, Parse, cancellationToken);
            var live = !parse.GetValue(once) && ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
            if (!live)
            {
                await console.Out.WriteAsync(StatusView.Render(status, baseUrl));
                return ExitCodes.Ok;
            }

            return await WatchAsync(console, http, baseUrl, status, cancellationToken);
        });
        return command;
    }

    private static async Task<int> WatchAsync(CliConsole console, HttpClient http, Uri baseUrl, StatusReport first, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, TimeProvider.System);
        var screen = StatusView.Render(first, baseUrl);
        try
        {
            while (true)
            {
                await console.Out.WriteAsync(ClearScreen + screen);
                await timer.WaitForNextTickAsync(cancellationToken);
                try
                {
                    screen = StatusView.Render(await FetchAsync(http, baseUrl, Parse, cancellationToken), baseUrl);
                }
                catch (CliException e)
                {
                    // pactor restarting: keep watching, say so on top of the last picture.
                    screen = $"pactor: {e.Message} (retrying)\n\n{screen}";
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends watching: that is how it is meant to stop.
            await console.Out.WriteLineAsync();
            return ExitCodes.Ok;
        }
    }

    private static async Task<T> FetchAsync<T>(HttpClient http, Uri baseUrl, Func<string, T> read, CancellationToken cancellationToken)
    {
        var statusUrl = new Uri(baseUrl, StatusEndpoints.StatusPath.TrimStart('/'));
        try
        {
            using var response = await http.GetAsync(statusUrl, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Unanswered(baseUrl, $"{statusUrl.AbsolutePath} answered HTTP {(int)response.StatusCode}");
            }

            return read(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw Unanswered(baseUrl, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unanswered(baseUrl, $"no answer within {RequestTimeout.TotalSeconds:0} s", e);
        }
        catch (JsonException e)
        {
            throw Unanswered(baseUrl, $"{statusUrl.AbsolutePath} is not pactor's status ({e.Message})", e);
        }
    }

    private static StatusReport Parse(string body) =>
        JsonSerializer.Deserialize(body, StatusJsonContext.Default.StatusReport) ?? throw new JsonException("empty document");

    private static CliException Unanswered(Uri baseUrl, string reason, Exception? inner = null) =>
        new($"no pactor answers at {baseUrl}: {reason}", inner);

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            result.AddError($"--url '{text}': not an absolute http or https URL");
            return new Uri(ServeOptions.DefaultListen);
        }

        // A base that does not end in '/' would lose its last segment when /api/status is resolved against it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
