namespace Pactor.Cli;

/// <summary>Where a command writes: the process's console, or buffers in tests.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
