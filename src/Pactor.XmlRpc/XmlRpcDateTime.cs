using System.Globalization;
using System.Text.RegularExpressions;

namespace Pactor.XmlRpc;

/// <summary>dateTime.iso8601: the spec's basic form <c>19980717T14:08:55</c>, plus the extended forms others send.</summary>
internal static partial class XmlRpcDateTime
{
    /// <summary>Unspecified kind is written without a zone (as the spec does); UTC and local times as UTC with 'Z'.</summary>
    public static string Format(DateTime time) => time.Kind switch
    {
        DateTimeKind.Unspecified => FormatClock(time),
        _ => FormatClock(time.ToUniversalTime()) + "Z",
    };

    public static string Format(DateTimeOffset time) => FormatClock(time.UtcDateTime) + "Z";

    /// <summary>Zone-less text gives an Unspecified DateTime; 'Z' or an offset gives UTC.</summary>
    public static bool TryParse(string text, out DateTime time)
    {
        time = default;
        var match = Iso8601().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        int year = Part("year"), month = Part("month"), day = Part("day");
        int hour = Part("hour"), minute = Part("minute"), second = Part("second");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks;
        var fraction = match.Groups["fraction"];
        if (fraction.Success)
        {
            ticks += int.Parse(fraction.Value.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var zone = match.Groups["zone"];
        if (!zone.Success)
        {
            time = new DateTime(ticks, DateTimeKind.Unspecified);
            return true;
        }

        if (zone.Value != "Z")
        {
            int offsetHours = Part("offsetHours"), offsetMinutes = Part("offsetMinutes");
            if (offsetHours > 14 || offsetMinutes > 59)
            {
                return false;
            }

            var offset = (offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute);
            ticks -= zone.Value[0] == '-' ? -offset : offset;
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }
        }

        time = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static string FormatClock(DateTime time)
    {
        var clock = time.ToString("yyyyMMdd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var subSecond = time.Ticks % TimeSpan.TicksPerSecond;
        return subSecond == 0
            ? clock
            : clock + "." + subSecond.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-?(?<month>[0-9]{2})-?(?<day>[0-9]{2})T(?<hour>[0-9]{2}):?(?<minute>[0-9]{2}):?(?<second>[0-9]{2})"
        + @"(?:[.,](?<fraction>[0-9]{1,7}))?(?<zone>Z|[+-](?<offsetHours>[0-9]{2}):?(?<offsetMinutes>[0-9]{2}))?\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Iso8601();
}
