namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>How repo-add compresses REPO.db; it picks by the extension it is given.</summary>
public enum RepoDatabaseCompression
{
    /// <summary><c>REPO.db.tar.gz</c>, as Arch's own mirrors.</summary>
    Gzip,

    /// <summary><c>REPO.db.tar.zst</c>.</summary>
    Zstd,

    /// <summary><c>REPO.db.tar.xz</c>.</summary>
    Xz,
}
