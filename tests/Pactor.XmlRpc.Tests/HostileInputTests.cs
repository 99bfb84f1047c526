namespace Pactor.XmlRpc.Tests;

public sealed class HostileInputTests
{
    [Theory]
    [MemberData(nameof(HostileBodies.ResponseNames), MemberType = typeof(HostileBodies))]
    public void Malformed_or_hostile_responses_throw_only_the_format_exception(string name)
    {
        var body = HostileBodies.ResponseNamed(name);

        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(body));

        Assert.StartsWith("Invalid XML-RPC: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileBodies.RequestNames), MemberType = typeof(HostileBodies))]
    public void Malformed_or_hostile_requests_throw_only_the_format_exception(string name)
    {
        var body = HostileBodies.RequestNamed(name);

        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.ReadRequest(body));

        Assert.StartsWith("Invalid XML-RPC: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_integer_is_reported_with_its_text_line_and_position()
    {
        var body = GoldenFile.Utf8("<methodResponse>\n<params>\n<param><value><i4>abc</i4></value></param>\n</params>\n</methodResponse>");

        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(body));

        Assert.Equal("Invalid XML-RPC: 'abc' is not a valid <i4> (line 3, position 16).", error.Message);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(16, error.LinePosition);
    }

    [Fact]
    public void An_xml_syntax_error_carries_the_parser_position()
    {
        var body = GoldenFile.Utf8("<methodResponse>\n<params><param><value><string>x</value>");

        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(body));

        Assert.StartsWith("Invalid XML-RPC: malformed XML: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.LineNumber);
        Assert.True(error.LinePosition > 0);
    }

    [Fact]
    public void An_out_of_range_int_says_so()
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(HostileBodies.ResponseNamed("int overflow")));

        Assert.Contains("<int> value 2147483648 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dtd_is_refused_by_the_xml_layer_with_a_plain_reason()
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(HostileBodies.ResponseNamed("billion laughs")));

        Assert.Equal("Invalid XML-RPC: malformed XML: a DTD (<!DOCTYPE>) is not allowed in XML-RPC", error.Message);
        Assert.IsType<System.Xml.XmlException>(error.InnerException);
    }

    [Fact]
    public void Duplicate_member_names_the_member()
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(HostileBodies.ResponseNamed("duplicate struct member")));

        Assert.Contains("duplicate struct member 'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two params", "exactly one <param>, found more")]
    [InlineData("no param", "exactly one <param>, found none")]
    [InlineData("fault without code", "no integer faultCode")]
    public void Response_shape_errors_explain_the_rule(string name, string explanation)
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(HostileBodies.ResponseNamed(name)));

        Assert.Contains(explanation, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_of_exactly_the_limit_is_accepted()
    {
        var body = HostileBodies.Nested(64);

        var value = XmlRpcResponseReader.Read(body);

        for (var i = 0; i < 64; i++)
        {
            value = Assert.Single(Assert.IsType<object?[]>(value));
        }

        Assert.Equal("leaf", value);
    }

    [Fact]
    public void Nesting_beyond_a_custom_limit_is_refused()
    {
        var options = new XmlRpcReaderOptions { MaxDepth = 2 };
        var structInArrays = GoldenFile.Response("<value><array><data><value><array><data><value><struct></struct></value></data></array></value></data></array></value>");

        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(structInArrays, options));

        Assert.Contains("nest deeper than the limit of 2", error.Message, StringComparison.Ordinal);
        Assert.IsType<object?[]>(XmlRpcResponseReader.Read(HostileBodies.Nested(2), options));
    }

    [Fact]
    public void A_body_over_MaxBytes_is_refused_before_parsing()
    {
        var body = GoldenFile.Response("<value>0123456789</value>");
        var options = new XmlRpcReaderOptions { MaxBytes = body.Length - 1 };

        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.Read(body, options));

        Assert.Contains($"has {body.Length} bytes, more than the limit of {body.Length - 1}", error.Message, StringComparison.Ordinal);
        Assert.Equal("0123456789", XmlRpcResponseReader.Read(body, options with { MaxBytes = body.Length }));
    }

    [Fact]
    public void A_request_over_MaxBytes_is_refused()
    {
        var body = XmlRpcRequestWriter.Write("load.raw", ["", new byte[4096]]);

        Assert.Throws<XmlRpcFormatException>(() => XmlRpcResponseReader.ReadRequest(body, new XmlRpcReaderOptions { MaxBytes = 1024 }));
    }

    [Fact]
    public void Default_limits_are_64_MiB_and_depth_64()
    {
        var options = new XmlRpcReaderOptions();

        Assert.Equal(64 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(64, options.MaxDepth);
    }

    [Fact]
    public void Random_corruptions_of_real_bodies_never_escape_as_another_exception()
    {
        var random = new Random(20240611);
        string[] files =
        [
            "client_version.reply.xml", "fault_506.reply.xml", "d_multicall2.reply.xml",
            "system_multicall.reply.xml", "system_multicall.request.xml", "load_raw_start.request.xml",
        ];
        var originals = files.Select(f => GoldenFile.Read("rtorrent-0.9.8/" + f)).ToArray();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < 3000; i++)
        {
            var body = Corrupt(originals[random.Next(originals.Length)], random);
            var outcome = ReadAnyway(body, asRequest: (i & 1) == 1);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.Keys.All(k => k is "value" or "fault" or "format"), string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("format") > 1000, string.Join(", ", outcomes));
    }

    private static string ReadAnyway(byte[] body, bool asRequest)
    {
        try
        {
            _ = asRequest ? XmlRpcResponseReader.ReadRequest(body) : XmlRpcResponseReader.Read(body);
            return "value";
        }
        catch (XmlRpcFaultException)
        {
            return "fault";
        }
        catch (XmlRpcFormatException)
        {
            return "format";
        }
#pragma warning disable CA1031 // the point of this test: record any other exception as a failure, with its input
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name} on [{Convert.ToBase64String(body)}]: {e.Message}";
        }
    }

    private static byte[] Corrupt(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 40)).ToList());
                    break;
                case 3:
                    string[] snippets = ["<", ">", "&", "</value>", "<value>", "<i4>", "<i8>99999999999999999999</i8>", "<nil/>", "<!DOCTYPE x>", "&#0;", "<![CDATA[", "]]>"];
                    bytes.InsertRange(at, GoldenFile.Utf8(snippets[random.Next(snippets.Length)]));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
