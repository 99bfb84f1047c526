namespace Pactor.Core.Tracker;

/// <summary>A saved peer table that cannot be read: what is wrong, and where.</summary>
public sealed class PeerTableFileException(string message) : Exception(message);
