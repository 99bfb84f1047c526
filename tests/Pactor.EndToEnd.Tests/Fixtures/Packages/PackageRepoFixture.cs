namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>
/// The shared test packages, built once per test run (collection fixture <see cref="EndToEndCollection"/>):
/// <see cref="Small"/> (200 KB + a 1 KB file), <see cref="Medium"/> (2 MB) and <see cref="Large"/> (20 MB),
/// and a gzip repo <c>e2e</c> of them under <see cref="MirrorRoot"/>. Treat that repo as read-only; a test that
/// changes files makes its own with <see cref="CreateRepoAsync"/> or <see cref="PackageRepo.CopyTo"/>.
/// </summary>
public sealed class PackageRepoFixture : IAsyncLifetime
{
    public const string RepoName = "e2e";
    public const string Small = "e2e-small";
    public const string Medium = "e2e-medium";
    public const string Large = "e2e-large";

    public static readonly IReadOnlyList<TestPackageSpec> Specs =
    [
        new(Small, [new TestFileSpec($"usr/share/{Small}/payload.bin", 200_000, 1), new TestFileSpec($"usr/share/{Small}/extra.bin", 1_000, 11)]),
        TestPackageSpec.WithPayload(Medium, 2_000_000, 2),
        TestPackageSpec.WithPayload(Large, 20_000_000, 3),
    ];

    private readonly TempDirectory _directory = TempDirectory.Create("packages");
    private PackageBuild? _build;
    private PackageRepo? _repo;

    public PackageBuild Build => _build ?? throw new InvalidOperationException("The packages are not built yet.");

    /// <summary>The shared read-only repo <c>e2e</c> (gzip database).</summary>
    public PackageRepo Repo => _repo ?? throw new InvalidOperationException("The repo is not made yet.");

    public string MirrorRoot => Path.Combine(_directory.Path, "mirror");

    /// <summary>A new repo of the same packages under <paramref name="mirrorRoot"/> (repo-add only: ~0.3 s).</summary>
    public Task<PackageRepo> CreateRepoAsync(
        string mirrorRoot, string name = RepoName, RepoDatabaseCompression compression = RepoDatabaseCompression.Gzip, CancellationToken cancellationToken = default) =>
        PackageRepo.CreateAsync(mirrorRoot, name, Build, compression, cancellationToken);

    public async Task InitializeAsync()
    {
        _build = await MakepkgBuilder.BuildAsync(Specs, _directory.Sub("built"));
        _repo = await CreateRepoAsync(MirrorRoot);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
