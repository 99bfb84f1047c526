using System.Collections;

namespace Pactor.Hosting;

/// <summary>
/// Where <c>pactor serve</c> takes its settings from, lowest precedence first: built-in defaults,
/// the JSON <see cref="ConfigFile"/>, <see cref="Environment"/> variables (<c>Pactor__Upstreams__0</c>),
/// then <see cref="Flags"/> (configuration keys set from the command line).
/// </summary>
public sealed record MirrorAppSettings
{
    public string? ConfigFile { get; init; }

    /// <summary>The process environment in production; tests pass their own.</summary>
    public IDictionary Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string?> Flags { get; init; } = new Dictionary<string, string?>();
}
