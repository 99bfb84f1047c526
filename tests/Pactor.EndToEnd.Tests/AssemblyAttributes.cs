using System.Runtime.Versioning;

// pacman, makepkg, rtorrent and opentracker are Linux programs; so is this suite.
[assembly: SupportedOSPlatform("linux")]
