namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>The archives one makepkg run made, in <see cref="Directory"/>, with makepkg's output and the time it took.</summary>
public sealed record PackageBuild(string Directory, IReadOnlyList<BuiltPackage> Packages, TimeSpan Duration, string Log)
{
    public string PathOf(BuiltPackage package) => Path.Combine(Directory, package.FileName);
}
