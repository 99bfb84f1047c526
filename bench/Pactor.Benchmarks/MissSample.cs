namespace Pactor.Benchmarks;

/// <summary>One run of one size in the cache-miss benchmark, in milliseconds.</summary>
public sealed record MissSample(
    string Size,
    int Run,
    double RTorrentColdMs,
    double RTorrentWarmMs,
    double RTorrentLoadMs,
    double PactorColdMs,
    double PactorWarmMs,
    double? PactorVerifiedColdMs,
    double? PactorVerifiedWarmMs);
