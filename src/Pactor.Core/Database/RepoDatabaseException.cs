namespace Pactor.Core.Database;

/// <summary>A repo database that cannot be read: bad compression, bad tar, bad desc entry.</summary>
public sealed class RepoDatabaseException(string message, Exception? innerException = null)
    : Exception(message, innerException);
