using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pactor.Benchmarks;

/// <summary>
/// What one benchmark run prints and keeps: the text report on the console and in
/// <c>RESULTS/NAME-TIMESTAMP.txt</c>, the raw samples in <c>RESULTS/NAME-TIMESTAMP.json</c>.
/// </summary>
public sealed class BenchReport(string name, string resultsDirectory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly StringBuilder text = new();
    private readonly DateTimeOffset started = TimeProvider.System.GetUtcNow();

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        text.Append(line).Append('\n');
    }

    public void Line(FormattableString line) => Line(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes the report and <paramref name="raw"/>; returns the text file's path.</summary>
    public async Task<string> SaveAsync(object raw)
    {
        Directory.CreateDirectory(resultsDirectory);
        var stem = Path.Combine(resultsDirectory, $"{name}-{started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        await File.WriteAllTextAsync(stem + ".txt", Header() + text);
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(raw, raw.GetType(), Json));
        Console.WriteLine($"results: {stem}.txt, {stem}.json");
        return stem + ".txt";
    }

    public static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        return $"{Environment.ProcessorCount} cores, {cpu}, {memory} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1, 5 and 15 minute load averages (<c>/proc/loadavg</c>): how busy the shared machine was.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The pactor revision measured, as bench/run.sh found it.</summary>
    public static string Revision => Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown revision";

    private string Header() => string.Create(
        CultureInfo.InvariantCulture, $"# {name} benchmark, {started:yyyy-MM-dd HH:mm} UTC, pactor {Revision}\n# {Machine()}\n");
}
