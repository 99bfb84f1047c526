using System.Globalization;
using Pactor.Core.Seeding;

namespace Pactor.Cli;

/// <summary>
/// What <c>pactor seed</c> shows while it works: a line per thing done, and on a terminal also a progress bar
/// redrawn under them. Reported synchronously, so lines keep their order.
/// </summary>
public sealed class SeedProgressView(CliConsole console, bool interactive) : IProgress<SeedProgress>
{
    private const int BarWidth = 30;
    private const int MaxPathWidth = 60;
    private bool barShown;

    /// <summary>True when the output is this process's terminal.</summary>
    public static bool IsTerminal(CliConsole console) =>
        ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;

    public void Report(SeedProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Action is { } action)
        {
            Write($"{Word(action)} {value.Path}\n");
        }

        if (interactive)
        {
            Write(Bar(value));
            barShown = true;
        }
    }

    /// <summary>Clears the bar, before the summary.</summary>
    public void Finish()
    {
        if (barShown)
        {
            console.Out.Write("\r\u001b[K");
            barShown = false;
        }
    }

    public static string Word(SeedAction action) => action.ToString().ToLowerInvariant();

    public static string Bar(SeedProgress progress)
    {
        var fraction = progress.Total == 0 ? 1 : (double)progress.Done / progress.Total;
        var filled = (int)Math.Round(fraction * BarWidth);
        var doing = progress.Stage == SeedStage.Publishing ? "hashing" : "seeding";
        var path = progress.Path.Length <= MaxPathWidth ? progress.Path : "..." + progress.Path[^(MaxPathWidth - 3)..];
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {progress.Done}/{progress.Total} {doing} {path}");
    }

    private void Write(string text) =>
        console.Out.Write(interactive ? "\r\u001b[K" + text : text);
}
