using Microsoft.Extensions.Options;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Mirror;

/// <summary>One clear line per invalid setting; the host refuses to start on any.</summary>
public sealed class MirrorOptionsValidator : IValidateOptions<MirrorOptions>
{
    public ValidateOptionsResult Validate(string? name, MirrorOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            errors.Add("Pactor:CacheDirectory (--cache-dir) is required");
        }

        foreach (var (key, list) in (ReadOnlySpan<(string, List<string>)>)[("Upstreams (--upstream)", options.Upstreams), ("TorrentSources (--torrent-source)", options.TorrentSources)])
        {
            foreach (var url in list)
            {
                if (MirrorUrlTemplate.TryParse(url, out var error) is null)
                {
                    errors.Add($"Pactor:{key}: {error}");
                }
            }
        }

        // Polly refuses a timeout under 10 ms, and a hedge that short would send every request upstream anyway.
        if (options.HedgeAfter < TimeSpan.FromMilliseconds(100) || options.HedgeAfter > TimeSpan.FromMinutes(10))
        {
            errors.Add("Pactor:HedgeAfter (--hedge-after) must be from 100ms to 10m");
        }
        if (options.HedgeGrace < TimeSpan.Zero || options.HedgeGrace > TimeSpan.FromMinutes(1))
        {
            errors.Add("Pactor:HedgeGrace must be from 0 to 1m");
        }

        Positive(errors, "PollInterval", options.PollInterval, TimeSpan.FromSeconds(10));
        Positive(errors, "BackgroundPollInterval", options.BackgroundPollInterval, TimeSpan.FromMinutes(1));
        Positive(errors, "AnnounceAfter", options.AnnounceAfter, TimeSpan.FromHours(1));
        if (options.FailureCooldown < TimeSpan.Zero)
        {
            errors.Add("Pactor:FailureCooldown must not be negative");
        }

        if (options.UpstreamRetryAttempts is < 0 or > 10)
        {
            errors.Add("Pactor:UpstreamRetryAttempts must be between 0 and 10");
        }

        Positive(errors, "UpstreamRetryBaseDelay", options.UpstreamRetryBaseDelay, TimeSpan.FromSeconds(10));
        Positive(errors, "UpstreamRetryMaxDelay", options.UpstreamRetryMaxDelay, TimeSpan.FromMinutes(1));
        if (options.UpstreamRetryMaxDelay < options.UpstreamRetryBaseDelay)
        {
            errors.Add("Pactor:UpstreamRetryMaxDelay must not be less than Pactor:UpstreamRetryBaseDelay");
        }

        if (options.UpstreamFirstByteTimeout is { } firstByte && (firstByte < TimeSpan.FromMilliseconds(20) || firstByte >= options.HedgeAfter))
        {
            errors.Add("Pactor:UpstreamFirstByteTimeout must be at least 20ms and less than Pactor:HedgeAfter (--hedge-after)");
        }

        if (options.RaceAfter < TimeSpan.Zero || (options.RaceAfter > TimeSpan.Zero && options.RaceAfter >= options.FirstByteTimeout))
        {
            errors.Add("Pactor:UpstreamRaceAfter must be 0 (no racing) or less than Pactor:UpstreamFirstByteTimeout");
        }

        if (options.UpstreamMinBytesPerSecond < 0)
        {
            errors.Add("Pactor:UpstreamMinBytesPerSecond must not be negative (0: no floor)");
        }

        Positive(errors, "UpstreamBackoff", options.UpstreamBackoff, TimeSpan.FromHours(1));
        Positive(errors, "UpstreamMaxBackoff", options.UpstreamMaxBackoff, TimeSpan.FromDays(1));
        if (options.UpstreamMaxBackoff < options.UpstreamBackoff)
        {
            errors.Add("Pactor:UpstreamMaxBackoff must not be less than Pactor:UpstreamBackoff");
        }

        Positive(errors, "RankInterval", options.RankInterval, TimeSpan.FromDays(30));
        Positive(errors, "RankTimeout", options.RankTimeout, TimeSpan.FromMinutes(1));
        if (options.RankConcurrency is < 1 or > 16)
        {
            errors.Add("Pactor:RankConcurrency must be between 1 and 16");
        }

        if (options.RankMaxMirrors is < 1 or > 1000)
        {
            errors.Add("Pactor:RankMaxMirrors must be between 1 and 1000");
        }

        if (options.RankSampleBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add("Pactor:RankSampleBytes must be between 1K and 64M");
        }

        if (options.MaxTorrentBytes is <= 0 or > 16 * 1024 * 1024)
        {
            errors.Add("Pactor:MaxTorrentBytes must be between 1 and 16 MiB");
        }

        if (options.CacheMaxSize is <= 0)
        {
            errors.Add("Pactor:CacheMaxSize (--cache-max-size) must be more than 0, or unset for no limit");
        }

        if (options.CacheMaxAge is { } maxAge && maxAge <= TimeSpan.Zero)
        {
            errors.Add("Pactor:CacheMaxAge (--cache-max-age) must be more than 0, or unset for no limit");
        }

        if (string.IsNullOrWhiteSpace(options.Label) || !options.Label.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add("Pactor:Label must be letters and digits");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"Pactor:{key} must be more than 0 and at most {max}");
        }
    }
}
