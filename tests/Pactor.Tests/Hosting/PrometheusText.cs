using System.Globalization;

namespace Pactor.Tests.Hosting;

/// <summary>Reads samples out of a Prometheus text exposition: <c>name{label="value",…} number</c>.</summary>
internal static class PrometheusText
{
    /// <summary>The value of the one sample named <paramref name="name"/> that has all <paramref name="labels"/>, or null.</summary>
    public static double? Value(string text, string name, params (string Name, string Value)[] labels)
    {
        var matches = text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count <= 1, $"more than one {name} sample with those labels:\n{string.Join('\n', matches)}");
        return matches.Count == 0
            ? null
            : double.Parse(matches[0][(matches[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
