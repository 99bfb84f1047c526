using System.Text;

namespace Pactor.XmlRpc.Tests;

/// <summary>Bodies that must each be refused with <see cref="XmlRpcFormatException"/>, by name.</summary>
internal static class HostileBodies
{
    private const string FaultCode = "<member><name>faultCode</name><value><i4>-1</i4></value></member>";
    private const string FaultString = "<member><name>faultString</name><value><string>boom</string></value></member>";

    private static readonly Dictionary<string, byte[]> Responses = new()
    {
        ["empty body"] = [],
        ["whitespace only"] = Utf8("  \r\n "),
        ["billion laughs"] = Utf8("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <methodResponse><params><param><value>&lol3;</value></param></params></methodResponse>
            """),
        ["external entity"] = Utf8("""
            <?xml version="1.0"?>
            <!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <methodResponse><params><param><value>&xxe;</value></param></params></methodResponse>
            """),
        ["external DTD"] = Utf8("<!DOCTYPE methodResponse SYSTEM \"http://127.0.0.1:1/x.dtd\"><methodResponse/>"),
        ["undeclared entity"] = Response("<value>&xxe;</value>"),
        ["unclosed tags"] = Utf8("<methodResponse><params><param><value><string>0.9.8"),
        ["mismatched tags"] = Utf8("<methodResponse><params><param><value><string>x</value></string></param></params></methodResponse>"),
        ["wrong root"] = Utf8("<methodCall><methodName>x</methodName></methodCall>"),
        ["html error page"] = Utf8("<html><body>502 Bad Gateway</body></html>"),
        ["not xml"] = Utf8("Status: 200 OK\r\n\r\n"),
        ["int overflow"] = Response("<value><int>2147483648</int></value>"),
        ["i4 negative overflow"] = Response("<value><i4>-2147483649</i4></value>"),
        ["i8 overflow"] = Response("<value><i8>9223372036854775808</i8></value>"),
        ["i4 abc"] = Response("<value><i4>abc</i4></value>"),
        ["i4 empty"] = Response("<value><i4></i4></value>"),
        ["i4 decimal"] = Response("<value><i4>1.5</i4></value>"),
        ["i4 arabic-indic digit"] = Response("<value><i4>\u0663</i4></value>"),
        ["i4 sign only"] = Response("<value><i4>-</i4></value>"),
        ["boolean 2"] = Response("<value><boolean>2</boolean></value>"),
        ["boolean true"] = Response("<value><boolean>true</boolean></value>"),
        ["boolean empty"] = Response("<value><boolean/></value>"),
        ["double NaN"] = Response("<value><double>NaN</double></value>"),
        ["double Infinity"] = Response("<value><double>-Infinity</double></value>"),
        ["double overflow"] = Response("<value><double>1e999</double></value>"),
        ["double comma"] = Response("<value><double>1,5</double></value>"),
        ["double empty"] = Response("<value><double></double></value>"),
        ["base64 bad character"] = Response("<value><base64>aGVs$G8=</base64></value>"),
        ["base64 bad length"] = Response("<value><base64>aGVsb</base64></value>"),
        ["dateTime month 13"] = Response("<value><dateTime.iso8601>19981317T14:08:55</dateTime.iso8601></value>"),
        ["dateTime 30 February"] = Response("<value><dateTime.iso8601>19980230T14:08:55</dateTime.iso8601></value>"),
        ["dateTime hour 25"] = Response("<value><dateTime.iso8601>19980717T25:08:55</dateTime.iso8601></value>"),
        ["dateTime words"] = Response("<value><dateTime.iso8601>yesterday</dateTime.iso8601></value>"),
        ["dateTime before year 1 in UTC"] = Response("<value><dateTime.iso8601>0001-01-01T00:00:00+01:00</dateTime.iso8601></value>"),
        ["nil with content"] = Response("<value><nil>0</nil></value>"),
        ["unknown type"] = Response("<value><float>1.5</float></value>"),
        ["namespaced nil"] = Response("<value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/></value>"),
        ["text mixed with a typed value"] = Response("<value>x<string>y</string></value>"),
        ["two typed values"] = Response("<value><string>a</string><string>b</string></value>"),
        ["element inside string"] = Response("<value><string>a<b>c</b></string></value>"),
        ["array without data"] = Response("<value><array><value>1</value></array></value>"),
        ["text inside data"] = Response("<value><array><data>loose<value>1</value></data></array></value>"),
        ["array with two data"] = Response("<value><array><data/><data/></array></value>"),
        ["duplicate struct member"] = Response("<value><struct><member><name>a</name><value>1</value></member><member><name>a</name><value>2</value></member></struct></value>"),
        ["member without name"] = Response("<value><struct><member><value>1</value></member></struct></value>"),
        ["member without value"] = Response("<value><struct><member><name>a</name></member></struct></value>"),
        ["empty member"] = Response("<value><struct><member/></struct></value>"),
        ["member with two names"] = Response("<value><struct><member><name>a</name><name>b</name><value>1</value></member></struct></value>"),
        ["text inside struct"] = Response("<value><struct>loose</struct></value>"),
        ["two params"] = Utf8("<methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>"),
        ["no param"] = Utf8("<methodResponse><params></params></methodResponse>"),
        ["empty params"] = Utf8("<methodResponse><params/></methodResponse>"),
        ["empty methodResponse"] = Utf8("<methodResponse/>"),
        ["methodResponse without params"] = Utf8("<methodResponse></methodResponse>"),
        ["param without value"] = Utf8("<methodResponse><params><param/></params></methodResponse>"),
        ["param with bare text"] = Utf8("<methodResponse><params><param>0.9.8</param></params></methodResponse>"),
        ["fault without code"] = Fault($"<struct>{FaultString}</struct>"),
        ["fault with string code"] = Fault($"<struct><member><name>faultCode</name><value>-1</value></member>{FaultString}</struct>"),
        ["fault code beyond i4"] = Fault($"<struct><member><name>faultCode</name><value><i8>4294967296</i8></value></member>{FaultString}</struct>"),
        ["fault without string"] = Fault($"<struct>{FaultCode}</struct>"),
        ["fault with integer string"] = Fault($"<struct>{FaultCode}<member><name>faultString</name><value><i4>1</i4></value></member></struct>"),
        ["fault not a struct"] = Fault("<string>boom</string>"),
        ["empty fault"] = Utf8("<methodResponse><fault/></methodResponse>"),
        ["fault followed by params"] = Utf8($"<methodResponse><fault><value><struct>{FaultCode}{FaultString}</struct></value></fault><params/></methodResponse>"),
        ["fault with malformed tail"] = Utf8($"<methodResponse><fault><value><struct>{FaultCode}{FaultString}</struct></value></fault></methodResponse><x/>"),
        ["second root"] = Utf8("<methodResponse><params><param><value>a</value></param></params></methodResponse><methodResponse/>"),
        ["trailing text"] = Utf8("<methodResponse><params><param><value>a</value></param></params></methodResponse>junk"),
        ["invalid UTF-8 in a string"] = [.. Utf8("<methodResponse><params><param><value>"), 0xC3, 0x28, .. Utf8("</value></param></params></methodResponse>")],
        ["binary garbage"] = [0x80, 0x81, 0xFE, 0x00, 0xFF, 0x13, 0x37, 0x9C, 0x00, 0x01],
        ["NUL character reference"] = Response("<value>a&#0;b</value>"),
        ["raw NUL byte"] = [.. Utf8("<methodResponse><params><param><value>a"), 0x00, .. Utf8("</value></param></params></methodResponse>")],
        ["unknown encoding"] = Utf8("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><methodResponse/>"),
        ["nesting of 65 arrays"] = Nested(65),
        ["nesting of 10000 arrays"] = Nested(10_000),
    };

    private static readonly Dictionary<string, byte[]> Requests = new()
    {
        ["request: empty"] = [],
        ["request: wrong root"] = Response("<value>x</value>"),
        ["request: no methodName"] = Utf8("<methodCall><params/></methodCall>"),
        ["request: empty methodCall"] = Utf8("<methodCall/>"),
        ["request: empty methodName"] = Utf8("<methodCall><methodName></methodName></methodCall>"),
        ["request: method name with slash"] = Utf8("<methodCall><methodName>a/b</methodName></methodCall>"),
        ["request: method name with space"] = Utf8("<methodCall><methodName>a b</methodName></methodCall>"),
        ["request: param without value"] = Utf8("<methodCall><methodName>a</methodName><params><param/></params></methodCall>"),
        ["request: text inside params"] = Utf8("<methodCall><methodName>a</methodName><params>x</params></methodCall>"),
        ["request: i4 abc"] = Utf8("<methodCall><methodName>a</methodName><params><param><value><i4>abc</i4></value></param></params></methodCall>"),
        ["request: billion laughs"] = Utf8("<!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><methodCall><methodName>&b;</methodName></methodCall>"),
    };

    public static TheoryData<string> ResponseNames => [.. Responses.Keys];

    public static TheoryData<string> RequestNames => [.. Requests.Keys];

    public static byte[] ResponseNamed(string name) => Responses[name];

    public static byte[] RequestNamed(string name) => Requests[name];

    public static byte[] Nested(int depth)
    {
        var xml = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            xml.Append("<value><array><data>");
        }

        xml.Append("<value>leaf</value>");
        for (var i = 0; i < depth; i++)
        {
            xml.Append("</data></array></value>");
        }

        return Response(xml.ToString());
    }

    private static byte[] Utf8(string xml) => GoldenFile.Utf8(xml);

    private static byte[] Response(string valueXml) => GoldenFile.Response(valueXml);

    private static byte[] Fault(string valueContent) =>
        Utf8($"<methodResponse><fault><value>{valueContent}</value></fault></methodResponse>");
}
