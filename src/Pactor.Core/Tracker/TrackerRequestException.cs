namespace Pactor.Core.Tracker;

/// <summary>An announce or scrape the tracker refuses; <see cref="Exception.Message"/> is the bencoded <c>failure reason</c>.</summary>
public sealed class TrackerRequestException(string reason) : Exception(reason);
