using System.Xml;

namespace Pactor.XmlRpc;

/// <summary>Reads one <c>&lt;value&gt;</c> into the CLR types documented on <see cref="XmlRpcResponseReader.Read"/>.</summary>
internal sealed class XmlRpcValueParser(XmlRpcXmlCursor cursor, int maxDepth)
{
    private XmlReader Reader => cursor.Reader;

    /// <summary>At <c>&lt;value&gt;</c>; <paramref name="depth"/> counts the arrays/structs around it.</summary>
    public object? ReadValue(int depth)
    {
        if (cursor.ExpectStart("value"))
        {
            return string.Empty;
        }

        // A <value> without a type element is a string, whitespace included.
        var text = default(XmlTextBuffer);
        var hasText = false;
        while (true)
        {
            switch (Reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    hasText = true;
                    text.Append(Reader.Value);
                    Reader.Read();
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(Reader.Value);
                    Reader.Read();
                    break;
                case XmlNodeType.Comment or XmlNodeType.ProcessingInstruction:
                    Reader.Read();
                    break;
                case XmlNodeType.EndElement:
                    Reader.Read();
                    return text.ToString();
                case XmlNodeType.Element when !hasText:
                    var value = ReadTyped(depth);
                    cursor.ExpectEnd("value");
                    return value;
                default:
                    throw cursor.Fail($"expected one typed value or only text inside <value>, found {cursor.DescribeNode()}");
            }
        }
    }

    private object? ReadTyped(int depth)
    {
        var at = cursor.Position;
        var tag = Reader.Name;
        switch (tag)
        {
            case "string":
                return cursor.ReadText(tag);
            case "array":
                return ReadArray(depth + 1);
            case "struct":
                return ReadStruct(depth + 1);
            case "nil":
                var content = cursor.ReadText(tag);
                return content.AsSpan().Trim(XmlRpcScalar.XmlWhitespace).IsEmpty
                    ? null
                    : throw XmlRpcXmlCursor.FailAt(at, $"<nil> must be empty, found '{XmlRpcXmlCursor.Shorten(content)}'");
            case "i4" or "int" or "i8" or "boolean" or "double" or "base64" or "dateTime.iso8601":
                var scalar = cursor.ReadText(tag);
                return XmlRpcScalar.TryParse(tag, scalar, out var parsed, out var problem)
                    ? parsed
                    : throw XmlRpcXmlCursor.FailAt(at, problem);
            default:
                throw cursor.Fail($"unknown value type <{tag}>");
        }
    }

    private object?[] ReadArray(int depth)
    {
        CheckDepth(depth);
        if (cursor.ExpectStart("array"))
        {
            return [];
        }

        var items = new List<object?>();
        if (!cursor.ExpectStart("data"))
        {
            while (cursor.IsStart("value"))
            {
                items.Add(ReadValue(depth));
            }

            cursor.ExpectEnd("data");
        }

        cursor.ExpectEnd("array");
        return [.. items];
    }

    private Dictionary<string, object?> ReadStruct(int depth)
    {
        CheckDepth(depth);
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (cursor.ExpectStart("struct"))
        {
            return members;
        }

        while (cursor.IsStart("member"))
        {
            var at = cursor.Position;
            var (name, value) = ReadMember(depth);
            if (!members.TryAdd(name, value))
            {
                throw XmlRpcXmlCursor.FailAt(at, $"duplicate struct member '{XmlRpcXmlCursor.Shorten(name)}'");
            }
        }

        cursor.ExpectEnd("struct");
        return members;
    }

    // <name> then <value> per the spec; the reverse order is accepted, anything else is not.
    private (string Name, object? Value) ReadMember(int depth)
    {
        var at = cursor.Position;
        if (cursor.ExpectStart("member"))
        {
            throw XmlRpcXmlCursor.FailAt(at, "empty <member>");
        }

        string? name = null;
        object? value = null;
        var hasValue = false;
        for (var i = 0; i < 2; i++)
        {
            if (name is null && cursor.IsStart("name"))
            {
                name = cursor.ReadText("name");
            }
            else if (!hasValue && cursor.IsStart("value"))
            {
                value = ReadValue(depth);
                hasValue = true;
            }
        }

        cursor.ExpectEnd("member");
        return name is null ? throw XmlRpcXmlCursor.FailAt(at, "<member> without <name>")
            : !hasValue ? throw XmlRpcXmlCursor.FailAt(at, $"<member> '{XmlRpcXmlCursor.Shorten(name)}' without <value>")
            : (name, value);
    }

    private void CheckDepth(int depth)
    {
        if (depth > maxDepth)
        {
            throw cursor.Fail($"arrays/structs nest deeper than the limit of {maxDepth}");
        }
    }
}
