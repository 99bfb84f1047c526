using System.Runtime.Versioning;

// rtorrent, opentracker, makepkg, nginx, wrk and /proc are Linux things; so is this program.
[assembly: SupportedOSPlatform("linux")]
