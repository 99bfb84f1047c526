namespace Pactor.Benchmarks;

/// <summary>One round of the memory benchmark (MiB, from /proc/PID/status).</summary>
/// <param name="PeakWhileWaitingMb">VmHWM at the last sample before the first answer of wave 1: the benchmark's number.</param>
/// <param name="WaveTwoMaxRssMb">Highest VmRSS sampled while wave 2 (the same 200 requests again, same process) waited.</param>
public sealed record MemorySample(
    int Round,
    double IdleRssMb,
    double IdleAnonymousMb,
    double IdleFileMb,
    double PeakWhileWaitingMb,
    double WaitingAnonymousMb,
    double WaitingFileMb,
    double WaveTwoMaxRssMb,
    double PeakAfterMb,
    int IdleThreads,
    int MaxThreadsWhileWaiting,
    double? RTorrentPeakMb,
    int Redirects,
    int Loads,
    double FirstAnswerMs,
    double LastAnswerMs);
