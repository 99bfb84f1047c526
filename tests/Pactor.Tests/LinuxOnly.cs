// pactor drives rtorrent, pacman and POSIX signals: its tests run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
