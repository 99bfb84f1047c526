namespace Pactor.Core.Seeding;

/// <summary>
/// One step of a <see cref="SeedRun"/>: <see cref="Done"/> of <see cref="Total"/> items of the stage, and what was
/// done to <see cref="Path"/> (null <see cref="Action"/>: the item is about to start, e.g. a long hash).
/// </summary>
/// <param name="Path">The torrent file, relative to the mirror root ('/'-separated); for an erased download, its info hash.</param>
public sealed record SeedProgress(SeedStage Stage, int Done, int Total, string Path, SeedAction? Action);
