using System.Globalization;
using System.Text;

namespace Pactor.Core.Tracker;

/// <summary>
/// A validated announce (BEP 3). The peer's address is not part of it: the tracker takes the
/// connection's, never the <c>ip</c> parameter, so nobody can announce someone else's address.
/// </summary>
public sealed record AnnounceRequest(
    byte[] InfoHash,
    byte[] PeerId,
    int Port,
    long Uploaded,
    long Downloaded,
    long Left,
    AnnounceEvent Event,
    bool Compact,
    bool NoPeerId,
    int? NumWant)
{
    public const int HashLength = 20;

    /// <summary>The info hash as rtorrent and whitelists write it: 40 upper-case hex digits.</summary>
    public string InfoHashHex => Convert.ToHexString(InfoHash);

    public bool IsSeeding => Left == 0;

    /// <exception cref="TrackerRequestException">A parameter is missing, repeated or out of range.</exception>
    public static AnnounceRequest Parse(TrackerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new AnnounceRequest(
            InfoHash: TwentyBytes(query, "info_hash"),
            PeerId: TwentyBytes(query, "peer_id"),
            Port: (int)Integer(query, "port", 1, 65535, required: true)!,
            Uploaded: Integer(query, "uploaded", 0, long.MaxValue, required: true)!.Value,
            Downloaded: Integer(query, "downloaded", 0, long.MaxValue, required: true)!.Value,
            Left: Integer(query, "left", 0, long.MaxValue, required: true)!.Value,
            Event: EventOf(query),
            // BEP 23: compact unless the client asks for the dictionary list with compact=0.
            Compact: Flag(query, "compact") ?? true,
            NoPeerId: Flag(query, "no_peer_id") ?? false,
            NumWant: (int?)Integer(query, "numwant", 0, int.MaxValue, required: false));
    }

    /// <summary>Exactly 20 bytes after percent-decoding: an info hash or a peer id.</summary>
    internal static byte[] TwentyBytes(TrackerQuery query, string name) => query.Single(name) switch
    {
        null => throw new TrackerRequestException($"missing {name}"),
        { Length: HashLength } value => value,
        var value => throw new TrackerRequestException($"{name} must be {HashLength} bytes, not {value.Length}"),
    };

    private static long? Integer(TrackerQuery query, string name, long min, long max, bool required)
    {
        var value = query.Single(name);
        if (value is null)
        {
            return required ? throw new TrackerRequestException($"missing {name}") : null;
        }

        // Digits only: no sign, no spaces, no hex; long.TryParse alone would take "+5" and " 5".
        if (value.Length is 0 or > 19 || !value.All(b => char.IsAsciiDigit((char)b))
            || !long.TryParse(Encoding.ASCII.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < min || number > max)
        {
            throw new TrackerRequestException(max == long.MaxValue
                ? $"{name} must be a non-negative integer"
                : $"{name} must be an integer from {min} to {max}");
        }

        return number;
    }

    private static bool? Flag(TrackerQuery query, string name) => query.Single(name) switch
    {
        null => null,
        [(byte)'0'] => false,
        [(byte)'1'] => true,
        _ => throw new TrackerRequestException($"{name} must be 0 or 1"),
    };

    private static AnnounceEvent EventOf(TrackerQuery query) => query.Single("event") switch
    {
        null or [] => AnnounceEvent.None,
        var value => Encoding.ASCII.GetString(value) switch
        {
            "started" => AnnounceEvent.Started,
            "completed" => AnnounceEvent.Completed,
            "stopped" => AnnounceEvent.Stopped,
            "empty" => AnnounceEvent.None,
            _ => throw new TrackerRequestException("event must be started, completed, stopped or empty"),
        },
    };
}
