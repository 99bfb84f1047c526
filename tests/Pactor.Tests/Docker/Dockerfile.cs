using System.Text.RegularExpressions;

namespace Pactor.Tests.Docker;

/// <summary>
/// docker/Dockerfile read as its instructions (continuation lines joined, comments dropped): enough
/// to check what the image is built from and what it copies, without a Docker engine.
/// </summary>
internal sealed partial class Dockerfile(IReadOnlyList<Dockerfile.Instruction> instructions)
{
    public const string File = "docker/Dockerfile";

    /// <summary>Where the image keeps the rc templates that docker/rtorrent-entrypoint.sh renders.</summary>
    public const string TemplateFolder = "/usr/share/pactor/rtorrent";

    public IReadOnlyList<Instruction> Instructions => instructions;

    public static Dockerfile Read()
    {
        var instructions = new List<Instruction>();
        var pending = "";
        foreach (var line in RepositoryFiles.Read(File).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\'))
            {
                continue;
            }

            if (pending.Trim() is { Length: > 0 } text)
            {
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(new Instruction(text[..space].ToUpperInvariant(), WhiteSpace().Replace(text[(space + 1)..], " ").Trim()));
            }

            pending = "";
        }

        return new Dockerfile(instructions);
    }

    /// <summary>The instructions of each stage, from its FROM on.</summary>
    public IReadOnlyList<IReadOnlyList<Instruction>> Stages()
    {
        var stages = new List<List<Instruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            if (stages.Count > 0)
            {
                stages[^1].Add(instruction);
            }
        }

        return stages;
    }

    /// <summary>The COPY instructions that take files from the build context (not from another stage).</summary>
    public IEnumerable<Copy> Copies() =>
        instructions
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from=", StringComparison.Ordinal))
            .Select(i => i.Arguments.Split(' ').Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray())
            .Select(words => new Copy(words[..^1], words[^1]));

    internal sealed record Instruction(string Keyword, string Arguments);

    internal sealed record Copy(IReadOnlyList<string> Sources, string Target);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
