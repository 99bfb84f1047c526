using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml;

namespace Pactor.XmlRpc;

/// <summary>Appends one <c>&lt;value&gt;</c> for a CLR value of the fixed supported set, or throws ArgumentException.</summary>
internal sealed class XmlRpcValueWriter
{
    // A cyclic array would otherwise recurse until the process dies; no sane call nests this deep.
    private const int MaxDepth = 64;

    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StringBuilder _xml;
    private readonly int? _index;
    private readonly string _paramName;
    private readonly List<string> _path = [];

    private XmlRpcValueWriter(StringBuilder xml, string paramName, int? index)
    {
        _xml = xml;
        _index = index;
        _paramName = paramName;
    }

    /// <param name="paramName">Argument named in an ArgumentException.</param>
    /// <param name="index">Position in a parameter list, named in the message too; null for a single value.</param>
    public static void Append(StringBuilder xml, object? value, string paramName, int? index = null) =>
        new XmlRpcValueWriter(xml, paramName, index).AppendValue(value, depth: 0);

    private void AppendValue(object? value, int depth)
    {
        _xml.Append("<value>");
        switch (value)
        {
            case null:
                _xml.Append("<nil/>");
                break;
            case string text:
                _xml.Append("<string>");
                AppendEscaped(text);
                _xml.Append("</string>");
                break;
            case bool flag:
                _xml.Append("<boolean>").Append(flag ? '1' : '0').Append("</boolean>");
                break;
            case int number:
                AppendScalar("i4", number.ToString(CultureInfo.InvariantCulture));
                break;
            case long number:
                AppendScalar(
                    number is >= int.MinValue and <= int.MaxValue ? "i4" : "i8",
                    number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                if (!double.IsFinite(number))
                {
                    throw Fail($"the double {number.ToString(CultureInfo.InvariantCulture)} has no XML-RPC representation");
                }

                AppendScalar("double", XmlRpcDoubleFormat.Format(number));
                break;
            case byte[] bytes:
                AppendScalar("base64", Convert.ToBase64String(bytes));
                break;
            case ReadOnlyMemory<byte> memory:
                AppendScalar("base64", Convert.ToBase64String(memory.Span));
                break;
            case DateTime time:
                AppendScalar("dateTime.iso8601", XmlRpcDateTime.Format(time));
                break;
            case DateTimeOffset time:
                AppendScalar("dateTime.iso8601", XmlRpcDateTime.Format(time));
                break;
            case IReadOnlyDictionary<string, object?> members:
                AppendStruct(members, depth);
                break;
            case IDictionary<string, object?> members:
                AppendStruct(members, depth);
                break;
            case IEnumerable items and not IDictionary:
                AppendArray(items, depth);
                break;
            default:
                throw Fail($"type {value.GetType()} is not supported by XML-RPC");
        }

        _xml.Append("</value>");
    }

    private void AppendScalar(string tag, string text) =>
        _xml.Append('<').Append(tag).Append('>').Append(text).Append("</").Append(tag).Append('>');

    private void AppendArray(IEnumerable items, int depth)
    {
        EnterContainer(depth);
        _xml.Append("<array><data>");
        var i = 0;
        foreach (var item in items)
        {
            _path.Add(string.Create(CultureInfo.InvariantCulture, $"[{i++}]"));
            AppendValue(item, depth + 1);
            _path.RemoveAt(_path.Count - 1);
        }

        _xml.Append("</data></array>");
    }

    private void AppendStruct(IEnumerable<KeyValuePair<string, object?>> members, int depth)
    {
        EnterContainer(depth);
        _xml.Append("<struct>");
        foreach (var (name, value) in members)
        {
            _path.Add($"[\"{name}\"]");
            _xml.Append("<member><name>");
            AppendEscaped(name);
            _xml.Append("</name>");
            AppendValue(value, depth + 1);
            _xml.Append("</member>");
            _path.RemoveAt(_path.Count - 1);
        }

        _xml.Append("</struct>");
    }

    private void EnterContainer(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw Fail($"arrays/structs nest deeper than {MaxDepth} (a cycle?)");
        }
    }

    // Characters outside the BMP are valid XML and written as is, but rtorrent 0.9.8 (xmlrpc-c)
    // answers such a request with fault -503, even for a character reference: the fault surfaces.
    private void AppendEscaped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': _xml.Append("&amp;"); break;
                case '<': _xml.Append("&lt;"); break;
                case '>': _xml.Append("&gt;"); break;
                // A raw CR would be normalized to LF by every XML parser.
                case '\r': _xml.Append("&#13;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        _xml.Append(c).Append(text[++i]);
                    }
                    else if (XmlConvert.IsXmlChar(c))
                    {
                        _xml.Append(c);
                    }
                    else
                    {
                        throw Fail($"the string holds U+{(int)c:X4} at index {i}, which XML 1.0 cannot carry");
                    }

                    break;
            }
        }
    }

    private ArgumentException Fail(string problem)
    {
        var location = _index is { } index
            ? $"Parameter {index} ({_paramName}[{index}]{string.Concat(_path)})"
            : _paramName + string.Concat(_path);
        return new($"{location}: {problem}.", _paramName);
    }
}
