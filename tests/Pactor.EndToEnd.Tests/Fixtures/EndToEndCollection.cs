using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.EndToEnd.Tests.Fixtures;

/// <summary>
/// Every end-to-end test class joins this one collection: they share the built packages and run one at a time
/// (real processes and fixed loopback addresses on a 2-core machine).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PackageRepoFixture>
{
    public const string Name = "EndToEnd";
}
