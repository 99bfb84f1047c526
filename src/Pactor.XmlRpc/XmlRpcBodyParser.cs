using System.Xml;

namespace Pactor.XmlRpc;

/// <summary>The document level: <c>methodResponse</c> (exactly one param, or a fault) and <c>methodCall</c>.</summary>
internal sealed class XmlRpcBodyParser
{
    private readonly XmlRpcXmlCursor _cursor;
    private readonly XmlRpcValueParser _values;

    public XmlRpcBodyParser(XmlReader reader, int maxDepth)
    {
        _cursor = new XmlRpcXmlCursor(reader);
        _values = new XmlRpcValueParser(_cursor, maxDepth);
    }

    public object? ReadResponse()
    {
        if (_cursor.ExpectStart("methodResponse"))
        {
            throw _cursor.Fail("empty <methodResponse>: expected <params> or <fault>");
        }

        if (_cursor.IsStart("fault"))
        {
            throw ReadFault();
        }

        // A response carries exactly one value: none or several are malformed, not "null" or "the first".
        var at = _cursor.Position;
        if (_cursor.ExpectStart("params") || !_cursor.IsStart("param"))
        {
            throw XmlRpcXmlCursor.FailAt(at, "a methodResponse must carry exactly one <param>, found none");
        }

        var value = ReadParam();
        if (_cursor.IsStart("param"))
        {
            throw _cursor.Fail("a methodResponse must carry exactly one <param>, found more");
        }

        _cursor.ExpectEnd("params");
        EndDocument("methodResponse");
        return value;
    }

    public XmlRpcCall ReadRequest()
    {
        if (_cursor.ExpectStart("methodCall"))
        {
            throw _cursor.Fail("empty <methodCall>: expected <methodName>");
        }

        var at = _cursor.Position;
        var methodName = _cursor.ReadText("methodName").AsSpan().Trim(XmlRpcScalar.XmlWhitespace).ToString();
        if (!XmlRpcMethodName.IsValid(methodName))
        {
            throw XmlRpcXmlCursor.FailAt(at, $"invalid method name '{XmlRpcXmlCursor.Shorten(methodName)}'");
        }

        var parameters = new List<object?>();
        if (_cursor.IsStart("params") && !_cursor.ExpectStart("params"))
        {
            while (_cursor.IsStart("param"))
            {
                parameters.Add(ReadParam());
            }

            _cursor.ExpectEnd("params");
        }

        EndDocument("methodCall");
        return new XmlRpcCall(methodName, parameters);
    }

    private object? ReadParam()
    {
        var at = _cursor.Position;
        if (_cursor.ExpectStart("param"))
        {
            throw XmlRpcXmlCursor.FailAt(at, "<param> without <value>");
        }

        var value = _values.ReadValue(depth: 0);
        _cursor.ExpectEnd("param");
        return value;
    }

    // The fault is thrown only once the whole body proved well-formed.
    private XmlRpcFaultException ReadFault()
    {
        var at = _cursor.Position;
        if (_cursor.ExpectStart("fault"))
        {
            throw XmlRpcXmlCursor.FailAt(at, "empty <fault>");
        }

        var value = _values.ReadValue(depth: 0);
        _cursor.ExpectEnd("fault");
        EndDocument("methodResponse");
        if (value is not IReadOnlyDictionary<string, object?> fault)
        {
            throw XmlRpcXmlCursor.FailAt(at, "the <fault> value must be a struct");
        }

        if (!fault.TryGetValue("faultCode", out var code) || code is not long number || number is < int.MinValue or > int.MaxValue)
        {
            throw XmlRpcXmlCursor.FailAt(at, "the <fault> struct has no integer faultCode");
        }

        if (!fault.TryGetValue("faultString", out var text) || text is not string faultString)
        {
            throw XmlRpcXmlCursor.FailAt(at, "the <fault> struct has no string faultString");
        }

        return new XmlRpcFaultException((int)number, faultString);
    }

    private void EndDocument(string root)
    {
        _cursor.ExpectEnd(root);
        _cursor.ExpectEndOfBody(root);
    }
}
