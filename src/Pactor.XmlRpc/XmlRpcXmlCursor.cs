using System.Xml;

namespace Pactor.XmlRpc;

/// <summary>
/// Walks an XmlReader through element-only XML-RPC markup: whitespace between elements is
/// skipped, everything else must be exactly the element asked for.
/// </summary>
internal sealed class XmlRpcXmlCursor(XmlReader reader)
{
    public XmlReader Reader { get; } = reader;

    public (int Line, int Position) Position =>
        Reader is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    public void SkipWhitespace()
    {
        while (Reader.NodeType is XmlNodeType.None or XmlNodeType.XmlDeclaration or XmlNodeType.Whitespace
            or XmlNodeType.SignificantWhitespace or XmlNodeType.Comment or XmlNodeType.ProcessingInstruction)
        {
            if (!Reader.Read())
            {
                return;
            }
        }
    }

    public bool IsStart(string name)
    {
        SkipWhitespace();
        return Reader.NodeType == XmlNodeType.Element && Reader.Name == name;
    }

    /// <summary>Moves past the start tag of <paramref name="name"/>; true when it was empty (<c>&lt;x/&gt;</c>, no end tag follows).</summary>
    public bool ExpectStart(string name)
    {
        if (!IsStart(name))
        {
            throw Fail($"expected <{name}>, found {DescribeNode()}");
        }

        var isEmpty = Reader.IsEmptyElement;
        Reader.Read();
        return isEmpty;
    }

    public void ExpectEnd(string name)
    {
        SkipWhitespace();
        if (Reader.NodeType != XmlNodeType.EndElement || Reader.Name != name)
        {
            throw Fail($"expected </{name}>, found {DescribeNode()}");
        }

        Reader.Read();
    }

    public void ExpectEndOfBody(string root)
    {
        SkipWhitespace();
        if (!Reader.EOF)
        {
            throw Fail($"expected nothing after </{root}>, found {DescribeNode()}");
        }
    }

    /// <summary>The text content of element <paramref name="name"/> (at its start tag), which may hold no child element.</summary>
    public string ReadText(string name)
    {
        if (ExpectStart(name))
        {
            return string.Empty;
        }

        var text = default(XmlTextBuffer);
        while (Reader.NodeType != XmlNodeType.EndElement)
        {
            switch (Reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(Reader.Value);
                    break;
                case XmlNodeType.Comment or XmlNodeType.ProcessingInstruction:
                    break;
                default:
                    throw Fail($"expected only text inside <{name}>, found {DescribeNode()}");
            }

            Reader.Read();
        }

        Reader.Read();
        return text.ToString();
    }

    public XmlRpcFormatException Fail(string problem) => FailAt(Position, problem);

    public static XmlRpcFormatException FailAt((int Line, int Position) at, string problem) =>
        at.Line > 0
            ? new($"Invalid XML-RPC: {problem} (line {at.Line}, position {at.Position}).") { LineNumber = at.Line, LinePosition = at.Position }
            : new($"Invalid XML-RPC: {problem}.");

    public string DescribeNode() => Reader.NodeType switch
    {
        XmlNodeType.None => "the end of the body",
        XmlNodeType.Element => $"<{Reader.Name}>",
        XmlNodeType.EndElement => $"</{Reader.Name}>",
        XmlNodeType.Text or XmlNodeType.CDATA => $"text '{Shorten(Reader.Value)}'",
        var other => other.ToString(),
    };

    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
