using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Store;

namespace Pactor.Hosting;

/// <summary>
/// Builds the web application <c>pactor serve</c> runs. Tests build the same application through
/// <see cref="Build"/> with a hook that swaps the server and fakes (the CLI entry point cannot be
/// handed to WebApplicationFactory: it dispatches commands, it does not build a host).
/// </summary>
public static class MirrorApp
{
    public static WebApplication Build(MirrorAppSettings settings, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "pactor",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var problems = PactorConfiguration.Apply(builder.Configuration, settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // A failed start is reported by the serve command as one line; the host's own report is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton(new ConfigurationProblems(problems));
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.AddPactorMirror(builder.Configuration);
        var seedbox = ServeOptions.Read(builder.Configuration);
        builder.Services.AddPactorSeedbox(seedbox);
        // Read unvalidated: the server is built with the application, before Prepare reports bad settings.
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, ServeOptions.Read(builder.Configuration).Listen));
        customize?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteInternalErrorAsync });
        if (seedbox.IsOrigin)
        {
            app.MapOrigin();
        }
        else
        {
            app.MapMirror();
        }

        if (seedbox.Tracker)
        {
            app.MapTracker();
        }

        app.MapStatus();
        app.MapHealth();
        app.MapPactorMetrics();
        return app;
    }

    /// <summary>
    /// Checks every setting and creates the cache folders, before the server starts (so a refusal
    /// prints clean lines rather than the host's start-up failure log).
    /// </summary>
    /// <exception cref="PactorStartupException">One line per problem.</exception>
    public static void Prepare(IServiceProvider services)
    {
        var problems = new List<string>();
        Resolve<ServeOptions>(services, problems);
        Resolve<MirrorOptions>(services, problems);
        if (problems.Count > 0)
        {
            throw new PactorStartupException(problems);
        }

        var layout = services.GetRequiredService<CacheLayout>();
        try
        {
            layout.Create();
            var probe = Path.Combine(layout.TempDirectory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PactorStartupException([$"{SettingKeys.Describe(SettingKeys.CacheDirectory)}: cannot write to {layout.Root}: {e.Message}"], e);
        }
    }

    private static void Resolve<TOptions>(IServiceProvider services, List<string> problems)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reading pacman's mirror list for upstreams.
            problems.Add($"{SettingKeys.Describe(SettingKeys.MirrorList)}: {e.Message}");
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string address)
    {
        kestrel.AddServerHeader = false;
        if (ListenAddress.TryParse(address, out _) is not { } listen)
        {
            return;
        }

        if (listen.IsLocalhost)
        {
            kestrel.ListenLocalhost(listen.Port);
        }
        else
        {
            kestrel.Listen(listen.Address!, listen.Port);
        }
    }

    // One line, never a stack trace or a problem document: pacman shows the status, people read the log.
    private static async Task WriteInternalErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("internal error\n");
    }
}
