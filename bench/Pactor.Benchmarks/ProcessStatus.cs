using System.Globalization;

namespace Pactor.Benchmarks;

/// <summary>
/// A process's memory and thread count from <c>/proc/PID/status</c> (kB as the kernel reports them). RSS splits into
/// anonymous memory (GC heap, JIT code, native buffers) and file-backed pages (mapped assemblies and libraries).
/// </summary>
public sealed record ProcessStatus(long RssKb, long PeakRssKb, long AnonymousKb, long FileKb, int Threads)
{
    public double RssMb => RssKb / 1024.0;

    public double PeakRssMb => PeakRssKb / 1024.0;

    public static ProcessStatus Read(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim(), StringComparer.Ordinal);
        return new ProcessStatus(
            Kilobytes(fields["VmRSS"]), Kilobytes(fields["VmHWM"]), Kilobytes(fields["RssAnon"]), Kilobytes(fields["RssFile"]),
            int.Parse(fields["Threads"], CultureInfo.InvariantCulture));
    }

    /// <summary>The direct children of <paramref name="pid"/> (pactor's own rtorrent).</summary>
    public static IReadOnlyList<int> Children(int pid) =>
        [.. Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task")
            .Select(task => Path.Combine(task, "children"))
            .Where(File.Exists)
            .SelectMany(file => File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(text => int.Parse(text, CultureInfo.InvariantCulture))
            .Distinct()];

    public static string CommandOf(int pid) =>
        File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();

    private static long Kilobytes(string value) => long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
}
