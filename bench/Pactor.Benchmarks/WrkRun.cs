using System.Globalization;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.Benchmarks;

/// <summary>One <c>wrk</c> run against one URL, read from <c>wrk-summary.lua</c>'s line.</summary>
public sealed record WrkRun(string Server, string File, int Round, double Seconds, long Requests, long Bytes, long Errors, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;

    public double BytesPerSecond => Bytes / Seconds;

    public static async Task<WrkRun> RunAsync(string server, string file, int round, Uri url, int threads, int connections, int seconds)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "wrk-summary.lua");
        var result = await ExternalCommand.RunAsync(
            "wrk",
            [$"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--timeout", "30s", "-s", script, url.AbsoluteUri],
            timeout: TimeSpan.FromSeconds(seconds + 60));
        result.EnsureSuccess();
        var line = result.Stdout.Split('\n').SingleOrDefault(l => l.StartsWith("WRK-SUMMARY ", StringComparison.Ordinal))
            ?? throw new ExternalCommandException("wrk printed no summary line", result.Describe());
        var fields = line["WRK-SUMMARY ".Length..].Split(' ').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        var errors = fields["connect"] + fields["read"] + fields["write"] + fields["status"] + fields["timeout"];
        return new WrkRun(server, file, round, fields["duration_us"] / 1e6, fields["requests"], fields["bytes"], errors, fields["p50_us"] / 1e3, fields["p99_us"] / 1e3);
    }
}
