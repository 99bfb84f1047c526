namespace Pactor.EndToEnd.Tests.Fixtures;

internal static class UnixFileModes
{
    /// <summary>rwxr-xr-x</summary>
    public const UnixFileMode Traversable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
}
