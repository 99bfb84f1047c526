namespace Pactor.Benchmarks;

/// <summary>One GET of a simultaneous offload round: which client, what, how it ended and when its last byte came (ms after the start signal).</summary>
public sealed record WaveRequest(int Client, string File, int Status, long Bytes, double TimeToLastByteMs, double FinishedAtMs, bool Redirected);
