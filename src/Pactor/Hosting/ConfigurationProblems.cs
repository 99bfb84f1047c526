namespace Pactor.Hosting;

/// <summary>Problems found while laying out the configuration, reported with the options' own problems.</summary>
public sealed record ConfigurationProblems(IReadOnlyList<string> Lines)
{
    public static ConfigurationProblems None { get; } = new([]);
}
