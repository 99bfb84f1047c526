using System.Globalization;

namespace Pactor.Benchmarks;

/// <summary>The command line: <c>miss|hit|memory|offload|soak|sick-mirror [--runs N] [--rounds N] [--seconds S] [--results DIR] [--logs yes] [--pactor-poll D] [--alone-poll MS] [--requests N] [--seedbox-up KB] [--wave-clients N] [--minutes N] [--seed N]</c>.</summary>
public sealed record BenchOptions(string Benchmark, int Runs, int Rounds, int Seconds, string ResultsDirectory, bool KeepLogs, string? PactorPollInterval, TimeSpan? AlonePollEvery, int Requests)
{
    /// <summary>Offload: the seeder's upload cap in KiB/s, appended to the seedbox rc (0: unlimited); null keeps the rc's own.</summary>
    public int? SeedboxUpKb { get; init; }

    /// <summary>Offload: how many clients fetch the set at the same moment in the simultaneous rounds (0: none).</summary>
    public int WaveClients { get; init; } = 8;

    /// <summary>Soak: how long the clients keep fetching.</summary>
    public int Minutes { get; init; } = 30;

    /// <summary>Soak: the seed of the package sizes and of every client's choices and pauses.</summary>
    public int Seed { get; init; } = 11;

    public const string Usage =
        "usage: Pactor.Benchmarks miss|hit|memory|offload|soak|sick-mirror [--runs N (miss and sick-mirror, default 10)] [--rounds N (hit 3, memory 5, offload 5)] " +
        "[--seconds S (hit: wrk duration, default 8)] [--results DIR (default ./bench/results)] [--logs yes (keep every pactor log in RESULTS/logs)] " +
        "[--pactor-poll DURATION (sets pactor's Pactor:PollInterval, e.g. 10ms; default: pactor's own)] " +
        "[--alone-poll MS (miss: how often rtorrent alone is asked for d.complete, default 2; 0: never, a finish hook tells)] " +
        "[--requests N (memory: concurrent requests per wave, default 200)] " +
        "[--seedbox-up KB (offload: the seeder's upload cap in KiB/s instead of seedbox.rtorrent.rc's; 0: unlimited)] " +
        "[--wave-clients N (offload: clients at once in the simultaneous rounds, default 8; 0: none)] " +
        "[--minutes N (soak: how long the clients fetch, default 30)] [--seed N (soak: sizes, choices and pauses, default 11)]";

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("miss" or "hit" or "memory" or "offload" or "soak" or "sick-mirror"))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Number(string key, int fallback) =>
            values.TryGetValue(key, out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions(
            args[0],
            Number("runs", 10),
            Number("rounds", args[0] == "hit" ? 3 : 5),
            Number("seconds", 8),
            Path.GetFullPath(values.GetValueOrDefault("results", Path.Combine("bench", "results"))),
            values.GetValueOrDefault("logs") == "yes",
            values.GetValueOrDefault("pactor-poll"),
            Number("alone-poll", 2) is var alone and > 0 ? TimeSpan.FromMilliseconds(alone) : null,
            Number("requests", 200))
        {
            SeedboxUpKb = values.ContainsKey("seedbox-up") ? Number("seedbox-up", 0) : null,
            WaveClients = Number("wave-clients", 8),
            Minutes = Number("minutes", 30),
            Seed = Number("seed", 11),
        };
    }

    /// <summary>Where <c>--logs yes</c> keeps a pactor log: <c>RESULTS/logs/NAME.log</c>.</summary>
    public string LogPath(string name)
    {
        var directory = Path.Combine(ResultsDirectory, "logs");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".log");
    }
}
