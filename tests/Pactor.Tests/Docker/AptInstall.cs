namespace Pactor.Tests.Docker;

/// <summary>An <c>apt-get install</c> command found in a shell script or a RUN instruction.</summary>
internal sealed record AptInstall(IReadOnlyList<string> Options, IReadOnlyList<string> Packages)
{
    /// <summary>Every <c>apt-get install</c> in <paramref name="shell"/>, continuation lines joined; ends at <c>&amp;&amp;</c>, <c>;</c>, <c>|</c> or the line's end.</summary>
    public static IReadOnlyList<AptInstall> FindAll(string shell)
    {
        var found = new List<AptInstall>();
        foreach (var line in shell.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < words.Length; i++)
            {
                if (words[i] != "apt-get" || words[i + 1] != "install")
                {
                    continue;
                }

                var arguments = words.Skip(i + 2).TakeWhile(w => w is not ("&&" or ";" or "|" or "||")).ToList();
                found.Add(new AptInstall(
                    [.. arguments.Where(a => a.StartsWith('-')).Order(StringComparer.Ordinal)],
                    [.. arguments.Where(a => !a.StartsWith('-'))]));
            }
        }

        return found;
    }
}
