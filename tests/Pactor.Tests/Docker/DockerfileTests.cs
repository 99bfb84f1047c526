using System.Xml.Linq;

namespace Pactor.Tests.Docker;

/// <summary>docker/Dockerfile and the build context, checked without a Docker engine.</summary>
public sealed class DockerfileTests
{
    private readonly IReadOnlyList<IReadOnlyList<Dockerfile.Instruction>> stages = Dockerfile.Read().Stages();

    [Fact]
    public void The_sdk_stage_publishes_pactor_self_contained_and_the_runtime_deps_stage_runs_it()
    {
        var assembly = XDocument.Load(RepositoryFiles.PathOf("src/Pactor/Pactor.csproj")).Descendants("AssemblyName").Single().Value;

        Assert.Equal(2, stages.Count);
        var (build, runtime) = (stages[0], stages[1]);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0 AS build", build[0].Arguments);
        Assert.Contains(build, i => i.Keyword == "RUN" && i.Arguments.EndsWith("dotnet publish src/Pactor -c Release --use-current-runtime --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o /app", StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0 ", runtime[0].Arguments, StringComparison.Ordinal);
        Assert.Contains(runtime, i => i is { Keyword: "COPY", Arguments: "--from=build /app /app" });
        Assert.Equal($"[\"/app/{assembly}\"]", runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains("8001", runtime.Single(i => i.Keyword == "EXPOSE").Arguments.Split(' '));
        Assert.Equal("[\"/var/cache/pactor\", \"/srv/mirror\"]", runtime.Single(i => i.Keyword == "VOLUME").Arguments);
    }

    [Fact]
    public void The_image_runs_as_a_user_other_than_root()
    {
        var user = stages[^1].LastOrDefault(i => i.Keyword == "USER")?.Arguments;

        Assert.NotNull(user);
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
    }

    [Fact]
    public void The_image_installs_rtorrent_as_CI_does()
    {
        var image = stages[^1].Where(i => i.Keyword == "RUN").SelectMany(i => AptInstall.FindAll(i.Arguments)).ToList();
        var ci = AptInstall.FindAll(RepositoryFiles.Read(".ci/run"));

        var install = Assert.Single(image);
        var ciInstall = Assert.Single(ci);
        Assert.Contains("rtorrent", install.Packages);
        Assert.Subset(ciInstall.Packages.ToHashSet(), install.Packages.ToHashSet());
        Assert.Equal(ciInstall.Options, install.Options);
        Assert.Contains("--no-install-recommends", install.Options);
    }

    [Fact]
    public void Everything_the_image_copies_is_in_the_repository_and_in_the_build_context()
    {
        var copies = Dockerfile.Read().Copies().SelectMany(c => c.Sources).ToList();
        var ignore = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();
        var allowed = ignore.Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToList();

        Assert.NotEmpty(copies);
        Assert.All(copies, source =>
        {
            var path = source.TrimEnd('/');
            Assert.True(File.Exists(RepositoryFiles.PathOf(path)) || Directory.Exists(RepositoryFiles.PathOf(path)), $"{source} is not in the repository");
            Assert.True(
                allowed.Any(a => path == a || path.StartsWith(a + "/", StringComparison.Ordinal)),
                $"{source} is copied by {Dockerfile.File} but not let into the build context by .dockerignore");
        });
        Assert.Subset(ignore.ToHashSet(), new HashSet<string> { "**/artifacts", "**/bin", "**/obj", "**/TestResults" });
    }
}
