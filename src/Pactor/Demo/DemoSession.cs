namespace Pactor.Demo;

/// <summary>
/// Everything one <c>pactor demo</c> runs, inside one temporary folder: the sample repository, the seedbox, the
/// client and a pacman.conf. Disposing stops what was started (rtorrents included) and deletes the folder.
/// </summary>
internal sealed class DemoSession(string directory, TimeProvider time) : IAsyncDisposable
{
    private DemoSeedbox? seedbox;
    private DemoClient? client;

    public string Directory => directory;

    public SampleRepository Repository { get; private set; } = null!;

    public DemoSeedbox Seedbox => seedbox ?? throw new InvalidOperationException("the seedbox has not started");

    public DemoClient Client => client ?? throw new InvalidOperationException("the client has not started");

    public DemoPacmanConfig Pacman { get; private set; } = null!;

    public static DemoSession Create(TimeProvider time) =>
        new(System.IO.Directory.CreateTempSubdirectory("pactor-demo-").FullName, time);

    public async Task<SampleRepository> BuildRepositoryAsync(int packages, long size, CancellationToken cancellationToken)
    {
        Repository = await SampleRepository.CreateAsync(Path.Combine(directory, "mirror"), packages, size, time.GetUtcNow(), cancellationToken);
        return Repository;
    }

    public async Task<DemoSeedbox> StartSeedboxAsync(CancellationToken cancellationToken)
    {
        seedbox = await DemoSeedbox.StartAsync(Repository, Path.Combine(directory, "seedbox"), time, cancellationToken);
        return seedbox;
    }

    public async Task<DemoClient> StartClientAsync(string listen, CancellationToken cancellationToken)
    {
        client = await DemoClient.StartAsync(listen, Seedbox.MirrorTemplate, Path.Combine(directory, "client"), cancellationToken);
        Pacman = new DemoPacmanConfig(Path.Combine(directory, "pacman"), Repository.Name, client.Url.GetLeftPart(UriPartial.Authority) + "/$repo/os/$arch");
        await Pacman.WriteAsync(cancellationToken);
        await client.FetchAsync(new Uri(client.Url, $"/{Repository.Name}/os/{Repository.Arch}/{Repository.Name}.db"), cancellationToken);
        return client;
    }

    /// <summary>The URL of a package through the client: what pacman asks for.</summary>
    public Uri PackageUrl(SamplePackage package) =>
        new(Client.Url, $"/{Repository.Name}/os/{Repository.Arch}/{package.FileName}");

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(
            client is null ? Task.CompletedTask : client.DisposeAsync().AsTask(),
            seedbox is null ? Task.CompletedTask : seedbox.DisposeAsync().AsTask());
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
