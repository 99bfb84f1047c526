namespace Pactor.Core.Seeding;

public enum SeedStage
{
    /// <summary>Hashing packages into torrents and removing orphaned ones.</summary>
    Publishing,

    /// <summary>Loading torrents into the client and erasing vanished downloads.</summary>
    Seeding,
}
