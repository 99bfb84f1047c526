using System.Text.Json;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Docker;

/// <summary>
/// docker/compose.yaml as <c>docker-compose config</c> renders it: validated, anchors merged, variables
/// filled in with their defaults. Read through the interpreter docker-compose itself runs on, whose
/// yaml module it depends on, so nothing beyond the docker-compose package is needed.
/// </summary>
internal sealed class RenderedCompose
{
    public const string File = "docker/compose.yaml";

    private readonly JsonElement services;

    private RenderedCompose(JsonElement root) => services = root.GetProperty("services");

    public IEnumerable<string> ServiceNames => services.EnumerateObject().Select(s => s.Name);

    /// <summary>Runs <c>docker-compose config</c>; a non-zero exit fails the test with its output.</summary>
    public static async Task<RenderedCompose> LoadAsync()
    {
        var compose = ExternalProgram.Require("docker-compose", "docker-compose");
        // The defaults, not whatever the machine running the tests has set.
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("PACTOR_", StringComparison.Ordinal) || name.StartsWith("COMPOSE_", StringComparison.Ordinal))
            .ToDictionary(name => name, string? (_) => null);
        var config = await ProgramRun.RunAsync(compose, ["-f", RepositoryFiles.PathOf(File), "config"], environment: environment);
        Assert.True(config.ExitCode == 0, $"docker-compose -f {File} config failed: {config}");

        var python = Interpreter(compose);
        var json = await ProgramRun.RunAsync(
            python, ["-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"], config.Out);
        Assert.True(json.ExitCode == 0, $"{python} could not read docker-compose's output as YAML: {json}");
        return new RenderedCompose(JsonDocument.Parse(json.Out).RootElement.Clone());
    }

    public bool Has(string service) => services.TryGetProperty(service, out _);

    public JsonElement Service(string name) =>
        services.TryGetProperty(name, out var service) ? service : throw new KeyNotFoundException($"{File} has no service {name}");

    /// <summary>The service's command, or an empty list when it runs its image's default.</summary>
    public IReadOnlyList<string> Command(string service) => Strings(service, "command");

    public IReadOnlyList<string> Entrypoint(string service) => Strings(service, "entrypoint");

    public IReadOnlyList<string> HealthCheck(string service) =>
        Service(service).TryGetProperty("healthcheck", out var check) && check.TryGetProperty("test", out var test)
            ? Unescape(test.EnumerateArray().Select(t => t.GetString()!)).ToList()
            : [];

    public string? EnvironmentValue(string service, string name) =>
        Service(service).TryGetProperty("environment", out var variables) && variables.TryGetProperty(name, out var value)
            ? Unescape(value.GetString()!)
            : null;

    /// <summary>Mount target → source (a volume name or a host path), in either of the forms compose versions render.</summary>
    public IReadOnlyDictionary<string, string> Mounts(string service)
    {
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Service(service).TryGetProperty("volumes", out var volumes))
        {
            return mounts;
        }

        foreach (var volume in volumes.EnumerateArray())
        {
            if (volume.ValueKind == JsonValueKind.String)
            {
                var parts = volume.GetString()!.Split(':');
                mounts[parts[1]] = parts[0];
            }
            else
            {
                mounts[volume.GetProperty("target").GetString()!] = volume.GetProperty("source").GetString()!;
            }
        }

        return mounts;
    }

    /// <summary>The value after <paramref name="flag"/> in the command, or null.</summary>
    public string? Flag(string service, string flag)
    {
        var command = Command(service);
        var at = command.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < command.Count ? command[at + 1] : null;
    }

    private List<string> Strings(string service, string key)
    {
        if (!Service(service).TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        Assert.True(value.ValueKind == JsonValueKind.Array, $"{service}'s {key} should be a list (exec form), not a shell string: {value}");
        return Unescape(value.EnumerateArray().Select(v => v.GetString()!)).ToList();
    }

    // The rendered file is itself a compose file: "$$" in it stands for one "$" in the container.
    private static IEnumerable<string> Unescape(IEnumerable<string> values) => values.Select(Unescape);

    private static string Unescape(string value) => value.Replace("$$", "$", StringComparison.Ordinal);

    private static string Interpreter(string script)
    {
        var shebang = System.IO.File.ReadLines(script).FirstOrDefault() ?? "";
        Assert.True(shebang.StartsWith("#!/", StringComparison.Ordinal), $"{script} is not a script with a #! line (Debian's docker-compose is a Python script)");
        return shebang[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }
}
