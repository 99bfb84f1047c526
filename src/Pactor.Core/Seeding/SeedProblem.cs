namespace Pactor.Core.Seeding;

/// <summary>A file a run could not handle (it went on with the others).</summary>
/// <param name="Path">The full path.</param>
public sealed record SeedProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
