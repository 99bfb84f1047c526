namespace Pactor.Cli;

/// <summary>Bad input to a command: printed as one line on stderr, exit code 1.</summary>
public sealed class CliException(string message, Exception? innerException = null)
    : Exception(message, innerException);
