using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>
/// <c>pactor serve --root TREE --tracker</c> on real Kestrel (127.0.0.1, a free port), built as the command
/// builds it: no upstream, no rtorrent endpoint, no mirror list. Raw sockets reach it as clients do.
/// </summary>
public sealed class SeedboxFixture : IAsyncLifetime
{
    private readonly string work = Directory.CreateTempSubdirectory("pactor-seedbox-").FullName;

    internal SampleMirrorTree Tree { get; } = new();

    internal WebApplication App { get; private set; } = null!;

    internal Uri Url { get; private set; } = null!;

    public string CacheDirectory => Path.Combine(work, "cache");

    public async Task InitializeAsync()
    {
        App = MirrorApp.Build(new MirrorAppSettings
        {
            Flags = new Dictionary<string, string?>
            {
                [SettingKeys.Listen] = "http://127.0.0.1:0",
                [SettingKeys.CacheDirectory] = CacheDirectory,
                [SettingKeys.MirrorList] = Path.Combine(work, "no-mirrorlist"),
                [SettingKeys.Root] = Tree.Root,
                [SettingKeys.Tracker] = "true",
            },
        });
        MirrorApp.Prepare(App.Services);
        await App.StartAsync();
        Url = new Uri(App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Tree.Dispose();
        Directory.Delete(work, recursive: true);
    }
}
