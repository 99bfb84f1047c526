using System.CommandLine;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary><c>pactor rtorrent ping|list|add</c>: talk to an rtorrent directly.</summary>
public static class RTorrentCommands
{
    public static Command Build(CliConsole console) => new("rtorrent", "Talk to an rtorrent over XML-RPC (SCGI or HTTP).")
    {
        RTorrentPingCommand.Build(console),
        RTorrentListCommand.Build(console),
        RTorrentAddCommand.Build(console),
    };

    /// <summary>The <c>--rtorrent ENDPOINT</c> option every subcommand takes.</summary>
    public static Option<string> EndpointOption() => new("--rtorrent", "-r")
    {
        Description = "rtorrent's XML-RPC endpoint: scgi://HOST:PORT, scgi:///path/to/socket or http(s)://[user:pass@]host[:port]/RPC2.",
        HelpName = "ENDPOINT",
        Required = true,
    };

    public static Option<TimeSpan> TimeoutOption() => new("--timeout")
    {
        Description = "Per-call timeout (e.g. 3s, 500ms).",
        HelpName = "DURATION",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(3),
        CustomParser = DurationArgument.Parse,
    };

    /// <summary>A client for the endpoint the user gave; a malformed endpoint is bad input (exit 1).</summary>
    /// <param name="retry">
    /// Retry calls while rtorrent is unreachable (the client's default): for long runs that must ride out a busy
    /// rtorrent; one-shot commands answer at once instead.
    /// </param>
    public static (RTorrentClient Client, RTorrentEndpoint Endpoint) Connect(string endpointText, TimeSpan timeout, bool retry = false)
    {
        RTorrentEndpoint endpoint;
        try
        {
            endpoint = RTorrentEndpoint.Parse(endpointText);
        }
        catch (FormatException e)
        {
            throw new CliException($"--rtorrent: {e.Message}", e);
        }

        var options = new RTorrentOptions { Endpoint = endpointText, CallTimeout = timeout };
        if (!retry)
        {
            options.RetryAttempts = 0;
        }

        return (RTorrentClientFactory.Create(endpoint, options), endpoint);
    }

    /// <summary>Runs a call; rtorrent's errors become one-line CLI errors.</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RTorrentException e)
        {
            throw new CliException(e.Message, e);
        }
    }
}
