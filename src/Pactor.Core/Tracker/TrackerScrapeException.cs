namespace Pactor.Core.Tracker;

/// <summary>A scrape that got no usable answer: unreachable, refused (<c>failure reason</c>), or not a scrape body.</summary>
public sealed class TrackerScrapeException(string message, Exception? inner = null) : Exception(message, inner);
