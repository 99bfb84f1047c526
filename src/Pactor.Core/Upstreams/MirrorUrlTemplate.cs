using Pactor.Core.Paths;

namespace Pactor.Core.Upstreams;

/// <summary>A mirror URL as in pacman's mirrorlist, <c>http://mirror/$repo/os/$arch</c>.</summary>
public sealed class MirrorUrlTemplate
{
    private MirrorUrlTemplate(string text) => Text = text.TrimEnd('/');

    public string Text { get; }

    /// <summary>Null with a reason when <paramref name="text"/> is not an absolute http(s) URL without query or fragment.</summary>
    public static MirrorUrlTemplate? TryParse(string? text, out string? error)
    {
        error = null;
        var probe = text?.Replace("$repo", "repo", StringComparison.Ordinal).Replace("$arch", "arch", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(probe, UriKind.Absolute, out var uri))
        {
            error = $"'{text}' is not an absolute URL";
        }
        else if (uri.Scheme is not ("http" or "https"))
        {
            error = $"'{text}' is not an http or https URL";
        }
        else if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.Contains('$', StringComparison.Ordinal) && probe!.Contains('$', StringComparison.Ordinal))
        {
            error = $"'{text}' may only use $repo and $arch, with no query or fragment";
        }

        return error is null ? new MirrorUrlTemplate(text!) : null;
    }

    public static MirrorUrlTemplate Parse(string text) =>
        TryParse(text, out var error) ?? throw new FormatException(error);

    /// <summary>The URL of <paramref name="file"/> on this mirror; only validated names reach here.</summary>
    public Uri For(MirrorFile file, string? fileName = null)
    {
        var folder = Text.Replace("$repo", file.Repo, StringComparison.Ordinal).Replace("$arch", file.Arch, StringComparison.Ordinal);
        return new Uri($"{folder}/{Uri.EscapeDataString(fileName ?? file.FileName)}");
    }

    public override string ToString() => Text;
}
