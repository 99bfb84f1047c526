namespace Pactor.Core.Seeding;

/// <summary>What <see cref="SeederPresence"/> did when a tracker had lost this seedbox.</summary>
/// <param name="Tracker">The scrape URL that listed no seeder.</param>
/// <param name="Missing">Sampled torrents it listed no seeder for.</param>
/// <param name="Announced">Downloads the client re-announced.</param>
public sealed record Reannouncement(Uri Tracker, int Missing, int Sampled, int Announced);
