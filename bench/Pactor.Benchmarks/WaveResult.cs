namespace Pactor.Benchmarks;

/// <summary>One wave of 200 concurrent requests: the answers, and pactor as last sampled before the first answer.</summary>
public sealed record WaveResult(IReadOnlyList<Transfer> Transfers, ProcessStatus BeforeFirstAnswer, long MaxRssKb, int MaxThreads, double FirstAnswerMs, double LastAnswerMs);
