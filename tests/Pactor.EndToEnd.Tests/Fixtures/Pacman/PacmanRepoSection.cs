namespace Pactor.EndToEnd.Tests.Fixtures.Pacman;

/// <summary>A <c>[repo]</c> section: pacman tries its <c>Server =</c> lines in this order.</summary>
public sealed record PacmanRepoSection(string Name, IReadOnlyList<string> Servers);
