namespace Pactor.Core.Paths;

/// <summary>A validated <c>{repo}/os/{arch}/{file}</c> request: every segment is safe for disk, URLs and rtorrent.</summary>
public sealed record MirrorFile(string Repo, string Arch, string FileName, MirrorFileKind Kind)
{
    /// <summary>The path under a mirror root or cache, in the official layout.</summary>
    public string RelativePath => $"{Repo}/os/{Arch}/{FileName}";

    /// <summary>The package this file belongs to (for a signature or torrent: the file it describes).</summary>
    public string PackageFileName => Kind switch
    {
        MirrorFileKind.PackageSignature => FileName[..^".sig".Length],
        MirrorFileKind.Torrent => FileName[..^".torrent".Length],
        _ => FileName,
    };

    public override string ToString() => RelativePath;
}
