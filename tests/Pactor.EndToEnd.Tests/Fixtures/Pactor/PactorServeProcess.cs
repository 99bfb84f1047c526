using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Pactor;

/// <summary>
/// The real <c>pactor serve</c> (<c>dotnet pactor.dll serve</c>) on a loopback address, with a cache directory of
/// its own; ready once it answers HTTP. Its output (pactor logs every request) is in <see cref="Describe"/>.
/// </summary>
public sealed class PactorServeProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory;

    private PactorServeProcess(BackgroundProcess process, TempDirectory directory, Uri baseUrl, string cacheDirectory)
    {
        Process = process;
        _directory = directory;
        BaseUrl = baseUrl;
        CacheDirectory = cacheDirectory;
    }

    public BackgroundProcess Process { get; }

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
            "--mirrorlist", Path.Combine(directory.Path, "no-mirrorlist"),
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
        var pactor = new PactorServeProcess(process, directory, baseUrl, cacheDirectory);
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

    /// <summary>pactor's output so far (command line, state and log lines), for failure messages.</summary>
    public string Describe() => Process.Describe();

    public async ValueTask DisposeAsync()
    {
        // SIGTERM: the .NET host shuts down gracefully (and stops an rtorrent it started).
        await Process.StopAsync("TERM", TimeSpan.FromSeconds(10));
        await Process.DisposeAsync();
        _directory.Dispose();
    }
}
