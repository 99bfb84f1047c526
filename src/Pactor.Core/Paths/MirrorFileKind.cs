namespace Pactor.Core.Paths;

public enum MirrorFileKind
{
    /// <summary><c>REPO.db</c>, <c>REPO.files</c> and their <c>.tar.*</c> forms.</summary>
    Database,

    /// <summary>A database's detached signature.</summary>
    DatabaseSignature,

    /// <summary><c>NAME-VER-REL-ARCH.pkg.tar.*</c>.</summary>
    Package,

    /// <summary>A package's detached signature.</summary>
    PackageSignature,

    /// <summary>A package's <c>.torrent</c>, published by the seedbox.</summary>
    Torrent,
}
