namespace Pactor.RTorrent;

/// <summary>An endpoint text that <see cref="RTorrentEndpoint.Parse"/> refuses; the message is one line naming the text (password hidden) and the problem.</summary>
public sealed class RTorrentEndpointFormatException(string message) : FormatException(message);
