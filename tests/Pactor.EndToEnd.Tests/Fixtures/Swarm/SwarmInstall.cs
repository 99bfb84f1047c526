using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// <c>pacman -S</c> through a <see cref="ClientNode"/>, asserted to have come from the swarm in time: each package
/// installed with the right bytes, one <c>swarm 200</c> line for it in the client's pactor log whose time is under
/// <see cref="ClientNode.Hedge"/> (a swarm that had no peer would be a 307 after it), no "Falling back" line, and
/// no package bytes sent by the seedbox origin.
/// </summary>
public static class SwarmInstall
{
    /// <returns>pactor's answer time for each package, in the order given.</returns>
    public static async Task<IReadOnlyList<TimeSpan>> FromTheSwarmAsync(
        PacmanRunner pacman, SeedboxStack seedbox, ClientNode client, IReadOnlyList<BuiltPackage> packages, Func<string> logs)
    {
        ArgumentNullException.ThrowIfNull(pacman);
        ArgumentNullException.ThrowIfNull(seedbox);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(logs);
        string context() => pacman.Describe() + "\n" + logs();

        (await pacman.InstallAsync(packages.Select(package => package.Name))).EnsureSuccess(context());
        var times = new List<TimeSpan>();
        foreach (var package in packages)
        {
            await pacman.AssertInstalledAsync(package);
            var answers = await client.SwarmAnswersAsync(seedbox.Repo, package);
            Assert.True(answers.Count == 1, $"client {client.Number}'s pactor logged {answers.Count} swarm answers for {package.FileName}, not one\n{context()}");
            var time = PactorLogLine.Duration(answers[0]);
            Assert.True(time < ClientNode.Hedge, $"client {client.Number}'s pactor answered {package.FileName} from the swarm after {time.TotalMilliseconds} ms, not within the {ClientNode.Hedge.TotalSeconds} s hedge\n{context()}");
            times.Add(time);
        }

        Assert.True(client.PactorLogLines("Falling back").Count == 0, $"client {client.Number}'s pactor fell back to HTTP\n{context()}");
        Assert.True(seedbox.OriginPackageRequests().Count == 0, $"the seedbox origin sent package bytes over HTTP: {string.Join(" | ", seedbox.OriginPackageRequests())}\n{context()}");
        return times;
    }
}
