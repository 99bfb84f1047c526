using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pactor.Cli;

/// <summary><c>pactor rtorrent list</c>: every download, one line each, or JSON.</summary>
public static class RTorrentListCommand
{
    public static Command Build(CliConsole console)
    {
        var endpoint = RTorrentCommands.EndpointOption();
        var timeout = RTorrentCommands.TimeoutOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List rtorrent's downloads.") { endpoint, timeout, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (client, _) = RTorrentCommands.Connect(parse.GetValue(endpoint)!, parse.GetValue(timeout));
            var downloads = await RTorrentCommands.CallAsync(() => client.ListAsync(cancellationToken));
            var rows = downloads.Select(DownloadRow.From).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
            await console.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(rows, CliJsonContext.Default.ListDownloadRow)
                : Table(rows));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Table(List<DownloadRow> rows)
    {
        if (rows.Count == 0)
        {
            return "(no downloads)";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"HASH",-40}  {"DONE",6}  {"SIZE",10}  {"PEERS",5}  {"STATE",-8}  NAME\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{row.Hash,-40}  {row.Percent,5:0.0}%  {ByteSize.Format(row.Size),10}  {row.Peers,5}  {row.State,-8}  {row.Name}\n");
        }

        return text.ToString().TrimEnd('\n');
    }
}
