using System.Text;

namespace Pactor.Core.Tracker;

/// <summary>
/// A tracker request's query string, percent-decoded to raw bytes. <c>info_hash</c> and <c>peer_id</c>
/// are binary: a decoder that makes UTF-8 text of them (as ASP.NET's <c>Request.Query</c> does) turns
/// every invalid sequence into U+FFFD and loses the hash, so the raw request text is parsed here.
/// </summary>
public sealed class TrackerQuery
{
    /// <summary>Longer than any honest announce or scrape of <see cref="TrackerOptions.MaxScrapeHashes"/> hashes.</summary>
    public const int MaxLength = 8192;

    public const int MaxParameters = 128;

    private readonly List<KeyValuePair<string, byte[]>> parameters;

    private TrackerQuery(List<KeyValuePair<string, byte[]>> parameters) => this.parameters = parameters;

    /// <summary>The parameters in request order; names are ASCII.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Parameters => parameters;

    /// <param name="raw">The query as it came on the wire, with or without its leading <c>?</c>.</param>
    /// <exception cref="TrackerRequestException">Not a well-formed query string.</exception>
    public static TrackerQuery Parse(string? raw)
    {
        var text = raw is ['?', .. var rest] ? rest : raw ?? "";
        if (text.Length > MaxLength)
        {
            throw new TrackerRequestException($"query string longer than {MaxLength} characters");
        }

        var parameters = new List<KeyValuePair<string, byte[]>>();
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (parameters.Count == MaxParameters)
            {
                throw new TrackerRequestException($"more than {MaxParameters} parameters");
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? [] : Decode(part[(equals + 1)..]);
            if (name.Length == 0 || name.Any(b => b is < 0x21 or > 0x7e))
            {
                throw new TrackerRequestException("malformed query string: bad parameter name");
            }

            parameters.Add(new(Encoding.ASCII.GetString(name), value));
        }

        return new TrackerQuery(parameters);
    }

    /// <summary>Every value of <paramref name="name"/>, in request order.</summary>
    public IReadOnlyList<byte[]> All(string name) =>
        [.. parameters.Where(p => p.Key == name).Select(p => p.Value)];

    /// <summary>The one value of <paramref name="name"/>, or null when it is absent.</summary>
    /// <exception cref="TrackerRequestException">The parameter is given more than once.</exception>
    public byte[]? Single(string name)
    {
        var values = All(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new TrackerRequestException($"parameter {name} given more than once"),
        };
    }

    // application/x-www-form-urlencoded: %XX is a byte, '+' a space; anything else must be printable ASCII.
    private static byte[] Decode(string text)
    {
        var bytes = new byte[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length)
                {
                    throw new TrackerRequestException("malformed query string: truncated %-escape");
                }

                var high = HexValue(text[i + 1]);
                var low = HexValue(text[i + 2]);
                if (high < 0 || low < 0)
                {
                    throw new TrackerRequestException("malformed query string: bad %-escape");
                }

                bytes[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else if (c == '+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (c is >= '!' and <= '~')
            {
                bytes[length++] = (byte)c;
            }
            else
            {
                throw new TrackerRequestException("malformed query string: unescaped character");
            }
        }

        return bytes[..length];
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
