using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Pactor;

/// <summary>
/// The real <c>pactor serve</c> (<c>dotnet pactor.dll serve</c>) on a loopback address, with a cache directory of
/// its own; ready once it answers HTTP. Its output (pactor logs every request) is in <see cref="Describe"/>.
/// <see cref="RestartAsync"/> stops it and runs the same command line again (same address, port and cache).
/// </summary>
public sealed class PactorServeProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<BackgroundProcess> _earlierRuns = [];

    private PactorServeProcess(BackgroundProcess process, TempDirectory directory, Uri baseUrl, string cacheDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        Process = process;
        _directory = directory;
        BaseUrl = baseUrl;
        CacheDirectory = cacheDirectory;
        _arguments = arguments;
        _environment = environment;
    }

    /// <summary>The running process (the latest one after a <see cref="RestartAsync"/>).</summary>
    public BackgroundProcess Process { get; private set; }

    /// <summary>The output of every run so far, earlier runs first: a request logged before a restart still counts.</summary>
    public string Output => string.Join('\n', [.. _earlierRuns.Select(run => run.Output), Process.Output]);

    /// <summary>e.g. <c>http://127.0.0.3:40123/</c></summary>
    public Uri BaseUrl { get; }

    /// <summary>The pacman <c>Server =</c> value pointing at this pactor.</summary>
    public string ServerTemplate => PackageRepo.ServerTemplate(BaseUrl);

    public string CacheDirectory { get; }

    /// <summary>Starts pactor on <paramref name="address"/> (default <see cref="LoopbackRoles.Pactor"/>) and waits until it answers.</summary>
    /// <exception cref="ExternalCommandException">It exited or did not answer in time; the message has its output.</exception>
    public static async Task<PactorServeProcess> StartAsync(PactorServeSettings settings, IPAddress? address = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(PactorCli.DllPath))
        {
            throw new ExternalCommandException($"{PactorCli.DllPath} is missing: the test project must reference src/Pactor/Pactor.csproj.");
        }

        var directory = TempDirectory.Create("pactor");
        var listenAddress = address ?? LoopbackRoles.Pactor;
        var baseUrl = new Uri($"http://{listenAddress}:{LoopbackPort.Free(listenAddress).ToString(CultureInfo.InvariantCulture)}/");
        var cacheDirectory = settings.CacheDirectory ?? directory.Sub("cache");
        var arguments = new List<string>
        {
            PactorCli.DllPath, "serve", "--listen", baseUrl.ToString().TrimEnd('/'), "--cache-dir", cacheDirectory,
            // Never the host's /etc/pacman.d/mirrorlist.
            "--mirrorlist", settings.MirrorList ?? Path.Combine(directory.Path, "no-mirrorlist"),
        };
        arguments.AddRange(settings.Upstreams.SelectMany(upstream => new[] { "--upstream", upstream }));
        arguments.AddRange(settings.TorrentSources.SelectMany(source => new[] { "--torrent-source", source }));
        if (settings.RTorrent is { } rtorrent)
        {
            arguments.AddRange(["--rtorrent", rtorrent]);
        }

        if (settings.HedgeAfter is { } hedgeAfter)
        {
            arguments.AddRange(["--hedge-after", $"{hedgeAfter.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms"]);
        }

        var environment = settings.Extra.ToDictionary(setting => $"Pactor__{setting.Key.Replace(":", "__", StringComparison.Ordinal)}", setting => setting.Value);
        // Plain console logs, no colour codes, in the captured output.
        environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var process = BackgroundProcess.Start("pactor serve", PactorCli.DotnetHost, arguments, directory.Path, environment);
        var pactor = new PactorServeProcess(process, directory, baseUrl, cacheDirectory, arguments, environment);
        try
        {
            await process.WaitForHttpAsync(baseUrl, StartTimeout, cancellationToken);
        }
        catch
        {
            await pactor.DisposeAsync();
            throw;
        }

        return pactor;
    }

    /// <summary>
    /// Stops pactor with <paramref name="signal"/> (TERM: the graceful shutdown an operator's restart does; KILL: a
    /// crash) and starts the same command line again: same listen address and port, same cache directory, same
    /// settings. Returns once the new process answers HTTP.
    /// </summary>
    /// <exception cref="ExternalCommandException">The new process exited or did not answer in time.</exception>
    public async Task RestartAsync(string signal = "TERM", CancellationToken cancellationToken = default)
    {
        await Process.StopAsync(signal, TimeSpan.FromSeconds(10));
        _earlierRuns.Add(Process);
        Process = BackgroundProcess.Start($"pactor serve (restart {_earlierRuns.Count.ToString(CultureInfo.InvariantCulture)} after SIG{signal})", PactorCli.DotnetHost, _arguments, _directory.Path, _environment);
        await Process.WaitForHttpAsync(BaseUrl, StartTimeout, cancellationToken);
    }

    /// <summary>pactor's output so far (command line, state and log lines of every run), for failure messages.</summary>
    public string Describe() => string.Join('\n', [.. _earlierRuns.Select(run => run.Describe()), Process.Describe()]);

    public async ValueTask DisposeAsync()
    {
        // SIGTERM: the .NET host shuts down gracefully (and stops an rtorrent it started).
        await Process.StopAsync("TERM", TimeSpan.FromSeconds(10));
        await Process.DisposeAsync();
        foreach (var run in _earlierRuns)
        {
            await run.DisposeAsync();
        }

        _directory.Dispose();
    }
}
