using System.Xml;

namespace Pactor.XmlRpc;

/// <summary>
/// Decodes XML-RPC bodies safely: no DTD, no external or custom entities, size and depth limits,
/// and every problem reported as <see cref="XmlRpcFormatException"/>.
/// </summary>
public static class XmlRpcResponseReader
{
    /// <summary>
    /// Reads a <c>methodResponse</c> and returns its single value as: <see cref="string"/> (also untyped
    /// and empty values), <see cref="long"/> (int, i4, i8), <see cref="bool"/>, <see cref="double"/>,
    /// <see cref="byte"/>[] (base64), <see cref="DateTime"/> (Unspecified kind unless the text has a zone,
    /// then UTC), <c>object?[]</c> (array), <c>IReadOnlyDictionary&lt;string, object?&gt;</c> (struct),
    /// or <c>null</c> (nil).
    /// </summary>
    /// <exception cref="XmlRpcFaultException">The response is a fault.</exception>
    /// <exception cref="XmlRpcFormatException">The body is not a valid methodResponse or exceeds a limit.</exception>
    public static object? Read(ReadOnlySpan<byte> body, XmlRpcReaderOptions? options = null) =>
        Parse(body, options, static parser => parser.ReadResponse());

    /// <summary>Reads a <c>methodCall</c>; parameter values use the same types as <see cref="Read"/>.</summary>
    /// <exception cref="XmlRpcFormatException">The body is not a valid methodCall or exceeds a limit.</exception>
    public static XmlRpcCall ReadRequest(ReadOnlySpan<byte> body, XmlRpcReaderOptions? options = null) =>
        Parse(body, options, static parser => parser.ReadRequest());

    private static T Parse<T>(ReadOnlySpan<byte> body, XmlRpcReaderOptions? options, Func<XmlRpcBodyParser, T> parse)
    {
        options ??= XmlRpcReaderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDepth, nameof(options));
        if (body.IsEmpty)
        {
            throw new XmlRpcFormatException("Invalid XML-RPC: the body is empty.");
        }

        if (body.Length > options.MaxBytes)
        {
            throw new XmlRpcFormatException(
                $"Invalid XML-RPC: the body has {body.Length} bytes, more than the limit of {options.MaxBytes}.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CheckCharacters = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), settings);
            return parse(new XmlRpcBodyParser(reader, options.MaxDepth));
        }
        catch (XmlException e)
        {
            // A prohibited DTD is reported with advice to enable DTD processing, which is not an option here.
            var problem = e.Message.Contains("DTD is prohibited", StringComparison.Ordinal)
                ? "a DTD (<!DOCTYPE>) is not allowed in XML-RPC"
                : e.Message;
            throw new XmlRpcFormatException($"Invalid XML-RPC: malformed XML: {problem}", e)
            {
                LineNumber = e.LineNumber,
                LinePosition = e.LinePosition,
            };
        }
    }
}
