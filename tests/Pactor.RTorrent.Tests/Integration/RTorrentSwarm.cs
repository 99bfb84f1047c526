namespace Pactor.RTorrent.Tests.Integration;

/// <summary>
/// Shared by every real-rtorrent test: opentracker, a seeder started from the seedbox template (SCGI on
/// TCP) holding a 1 MiB payload, and a downloader started from the client template (SCGI on a unix socket).
/// </summary>
public sealed class RTorrentSwarm : IAsyncLifetime
{
    private readonly TempDirectory payloadRoot = new("pactor-payload-");

    public OpenTracker Tracker { get; private set; } = null!;

    public RTorrentDaemon Seeder { get; private set; } = null!;

    public RTorrentDaemon Downloader { get; private set; } = null!;

    /// <summary>Whitelisted on the tracker; its file is in a directory of its own, loaded nowhere until a test does.</summary>
    public SampleTorrent Payload { get; private set; } = null!;

    /// <summary>Like <see cref="Payload"/>, for the test that watches a download's bitfield (1 MiB in 32 pieces).</summary>
    public SampleTorrent BitfieldPayload { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ExternalProgram.Require("rtorrent", "rtorrent");
        ExternalProgram.Require("opentracker", "opentracker");
        try
        {
            var port = OpenTracker.ChoosePort();
            Payload = await SampleTorrent.CreateAsync(payloadRoot.Path, "payload.bin", 1024 * 1024, OpenTracker.AnnounceUrl(port));
            BitfieldPayload = await SampleTorrent.CreateAsync(payloadRoot.Combine("bitfield"), "bitfield.bin", 1024 * 1024, OpenTracker.AnnounceUrl(port));
            Tracker = await OpenTracker.StartAsync(port, [Payload.InfoHash, BitfieldPayload.InfoHash]);
            Seeder = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Seedbox, unixSocket: false);
            Downloader = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Client, unixSocket: true);
        }
        catch
        {
            // A half-started swarm must not leave processes behind.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Downloader is not null)
        {
            await Downloader.DisposeAsync();
        }

        if (Seeder is not null)
        {
            await Seeder.DisposeAsync();
        }

        if (Tracker is not null)
        {
            await Tracker.DisposeAsync();
        }

        payloadRoot.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RealRTorrentCollection : ICollectionFixture<RTorrentSwarm>
{
    public const string Name = "real rtorrent";
}
