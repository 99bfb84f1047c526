namespace Pactor.Core.Tracker;

/// <summary>What announce and scrape report of a torrent: seeders, leechers, completed downloads.</summary>
public readonly record struct SwarmCounts(int Complete, int Incomplete, long Downloaded);
