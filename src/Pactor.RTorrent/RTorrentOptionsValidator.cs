using Microsoft.Extensions.Options;

namespace Pactor.RTorrent;

/// <summary>Refuses settings that cannot work, so a host fails at start-up rather than on its first call.</summary>
public sealed class RTorrentOptionsValidator : IValidateOptions<RTorrentOptions>
{
    public ValidateOptionsResult Validate(string? name, RTorrentOptions options)
    {
        var problems = Problems(options, checkEndpoint: true);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, for callers without an options pipeline.</summary>
    public static void ThrowIfInvalid(RTorrentOptions options) => ThrowIfInvalid(options, checkEndpoint: true);

    /// <param name="checkEndpoint">False where the endpoint was given separately, as a parsed <see cref="RTorrentEndpoint"/>.</param>
    internal static void ThrowIfInvalid(RTorrentOptions options, bool checkEndpoint)
    {
        var problems = Problems(options, checkEndpoint);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"invalid rtorrent options: {string.Join("; ", problems)}", nameof(options));
        }
    }

    private static List<string> Problems(RTorrentOptions options, bool checkEndpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (checkEndpoint)
        {
            try
            {
                RTorrentEndpoint.Parse(options.Endpoint ?? string.Empty);
            }
            catch (RTorrentEndpointFormatException e)
            {
                problems.Add($"{nameof(RTorrentOptions.Endpoint)}: {e.Message}");
            }
        }

        RequirePositive(problems, nameof(RTorrentOptions.CallTimeout), options.CallTimeout, allowInfinite: true);
        RequirePositive(problems, nameof(RTorrentOptions.RetryBaseDelay), options.RetryBaseDelay, allowInfinite: false);
        RequirePositive(problems, nameof(RTorrentOptions.RetryMaxDelay), options.RetryMaxDelay, allowInfinite: false);
        RequirePositive(problems, nameof(RTorrentOptions.LoadConfirmTimeout), options.LoadConfirmTimeout, allowInfinite: false);
        RequirePositive(problems, nameof(RTorrentOptions.LoadPollInterval), options.LoadPollInterval, allowInfinite: false);
        if (options.MaxReplyBytes < 1024)
        {
            problems.Add($"{nameof(RTorrentOptions.MaxReplyBytes)} must be at least 1024, got {options.MaxReplyBytes}");
        }

        if (options.RetryAttempts is < 0 or > 10)
        {
            problems.Add($"{nameof(RTorrentOptions.RetryAttempts)} must be from 0 to 10, got {options.RetryAttempts}");
        }

        return problems;
    }

    private static void RequirePositive(List<string> problems, string name, TimeSpan value, bool allowInfinite)
    {
        if (value <= TimeSpan.Zero && !(allowInfinite && value == Timeout.InfiniteTimeSpan))
        {
            problems.Add($"{name} must be positive, got {value}");
        }
    }
}
