using System.Text;

namespace Pactor.XmlRpc.Tests;

public sealed class ResponseReaderTypeTests
{
    private static object? Read(string valueXml) => XmlRpcResponseReader.Read(GoldenFile.Response(valueXml));

    [Theory]
    [InlineData("<value>untyped text</value>", "untyped text")]
    [InlineData("<value>  padded  </value>", "  padded  ")]
    [InlineData("<value/>", "")]
    [InlineData("<value></value>", "")]
    [InlineData("<value><string/></value>", "")]
    [InlineData("<value><string></string></value>", "")]
    [InlineData("<value><string>  keep spaces </string></value>", "  keep spaces ")]
    [InlineData("<value><string>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</string></value>", "a & b <c> \"d\" 'e'")]
    [InlineData("<value><string><![CDATA[<not markup> & raw]]></string></value>", "<not markup> & raw")]
    [InlineData("<value><string>ü中😀 &#x4E2D;&#252;</string></value>", "ü中😀 中ü")]
    [InlineData("<value><string>line1\r\nline2&#13;</string></value>", "line1\nline2\r")]
    [InlineData("<value>\n  <string>typed</string>\n</value>", "typed")]
    [InlineData("<value><string>a<!-- comment -->b</string></value>", "ab")]
    public void Strings_untyped_and_empty_values_read_as_string(string valueXml, string expected)
    {
        var value = Read(valueXml);

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("<value><i4>42</i4></value>", 42L)]
    [InlineData("<value><int>-7</int></value>", -7L)]
    [InlineData("<value><i4>+5</i4></value>", 5L)]
    [InlineData("<value><i4> 12 </i4></value>", 12L)]
    [InlineData("<value><i4>-2147483648</i4></value>", -2147483648L)]
    [InlineData("<value><i4>2147483647</i4></value>", 2147483647L)]
    [InlineData("<value><i8>9223372036854775807</i8></value>", long.MaxValue)]
    [InlineData("<value><i8>-9223372036854775808</i8></value>", long.MinValue)]
    [InlineData("<value><i8>300000</i8></value>", 300000L)]
    public void Every_integer_tag_reads_as_long(string valueXml, long expected)
    {
        var value = Read(valueXml);

        Assert.Equal(expected, Assert.IsType<long>(value));
    }

    [Theory]
    [InlineData("<value><boolean>1</boolean></value>", true)]
    [InlineData("<value><boolean>0</boolean></value>", false)]
    [InlineData("<value><boolean>\n1\n</boolean></value>", true)]
    public void Booleans_read_from_0_and_1(string valueXml, bool expected)
    {
        var value = Read(valueXml);

        Assert.Equal(expected, Assert.IsType<bool>(value));
    }

    [Theory]
    [InlineData("<value><double>-12.214</double></value>", -12.214)]
    [InlineData("<value><double>0</double></value>", 0.0)]
    [InlineData("<value><double>.5</double></value>", 0.5)]
    [InlineData("<value><double>+3.25</double></value>", 3.25)]
    [InlineData("<value><double>1.5e3</double></value>", 1500.0)]
    [InlineData("<value><double>100000000000000000000.0</double></value>", 1e20)]
    public void Doubles_read_in_decimal_and_exponent_notation(string valueXml, double expected)
    {
        var value = Read(valueXml);

        Assert.Equal(expected, Assert.IsType<double>(value));
    }

    [Theory]
    [InlineData("<value><base64>aGVsbG8gd29ybGQ=</base64></value>")]
    [InlineData("<value><base64>\naGVs\r\nbG8g\nd29y bGQ=\n</base64></value>")]
    [InlineData("<value><base64>\taGVsbG8gd29ybGQ=\t</base64></value>")]
    public void Base64_reads_unwrapped_and_wrapped(string valueXml)
    {
        var value = Read(valueXml);

        Assert.Equal("hello world"u8.ToArray(), Assert.IsType<byte[]>(value));
    }

    [Theory]
    [InlineData("<value><base64></base64></value>")]
    [InlineData("<value><base64/></value>")]
    public void Empty_base64_is_an_empty_byte_array(string valueXml)
    {
        var value = Read(valueXml);

        Assert.Empty(Assert.IsType<byte[]>(value));
    }

    [Fact]
    public void Base64_of_every_byte_value_decodes_exactly()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var wrapped = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);

        var value = Read($"<value><base64>{wrapped}</base64></value>");

        Assert.Contains("\r\n", wrapped, StringComparison.Ordinal);
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("19980717T14:08:55", DateTimeKind.Unspecified, 0)]
    [InlineData("1998-07-17T14:08:55", DateTimeKind.Unspecified, 0)]
    [InlineData("19980717T140855", DateTimeKind.Unspecified, 0)]
    [InlineData("19980717T14:08:55Z", DateTimeKind.Utc, 0)]
    [InlineData("1998-07-17T16:08:55+02:00", DateTimeKind.Utc, 0)]
    [InlineData("1998-07-17T12:08:55-0200", DateTimeKind.Utc, 0)]
    [InlineData("19980717T14:08:55.25", DateTimeKind.Unspecified, 2_500_000)]
    [InlineData(" 19980717T14:08:55 ", DateTimeKind.Unspecified, 0)]
    public void DateTimes_read_in_basic_and_extended_forms(string text, DateTimeKind kind, long extraTicks)
    {
        var value = Read($"<value><dateTime.iso8601>{text}</dateTime.iso8601></value>");

        var time = Assert.IsType<DateTime>(value);
        Assert.Equal(new DateTime(1998, 7, 17, 14, 8, 55).Ticks + extraTicks, time.Ticks);
        Assert.Equal(kind, time.Kind);
    }

    [Theory]
    [InlineData("<value><nil/></value>")]
    [InlineData("<value><nil></nil></value>")]
    public void Nil_reads_as_null(string valueXml)
    {
        var value = Read(valueXml);

        Assert.Null(value);
    }

    [Theory]
    [InlineData("<value><array><data></data></array></value>")]
    [InlineData("<value><array><data/></array></value>")]
    [InlineData("<value><array/></value>")]
    public void Empty_arrays_read_as_empty_object_arrays(string valueXml)
    {
        var value = Read(valueXml);

        Assert.Empty(Assert.IsType<object?[]>(value));
    }

    [Fact]
    public void Nested_arrays_of_structs_read_with_every_type_inside()
    {
        const string xml = """
            <value><array><data>
              <value><struct>
                <member><name>hash</name><value><string>ABC</string></value></member>
                <member><name>files</name><value><array><data>
                  <value><struct><member><name>path</name><value>a/b</value></member><member><name>size</name><value><i8>5000000000</i8></value></member></struct></value>
                  <value><struct></struct></value>
                </data></array></value></member>
                <member><name>done</name><value><boolean>1</boolean></value></member>
                <member><name>ratio</name><value><double>1.5</double></value></member>
                <member><name>note</name><value><nil/></value></member>
              </struct></value>
              <value><array><data><value><i4>1</i4></value><value><array><data><value>deep</value></data></array></value></data></array></value>
            </data></array></value>
            """;

        var value = Read(xml);

        object?[] expected =
        [
            new Dictionary<string, object?>
            {
                ["hash"] = "ABC",
                ["files"] = new object?[]
                {
                    new Dictionary<string, object?> { ["path"] = "a/b", ["size"] = 5_000_000_000L },
                    new Dictionary<string, object?>(),
                },
                ["done"] = true,
                ["ratio"] = 1.5,
                ["note"] = null,
            },
            new object?[] { 1L, new object?[] { "deep" } },
        ];
        DecodedValue.AssertEqual(expected, value);
    }

    [Fact]
    public void A_member_with_value_before_name_is_accepted()
    {
        var value = Read("<value><struct><member><value><i4>1</i4></value><name>n</name></member></struct></value>");

        Assert.Equal(1L, XmlRpcValue.GetMember(value, "n"));
    }

    [Fact]
    public void A_body_without_declaration_with_bom_and_crlf_is_accepted()
    {
        var body = Encoding.UTF8.GetPreamble()
            .Concat(GoldenFile.Utf8("\r\n<methodResponse>\r\n  <params>\r\n    <param>\r\n      <value><string>ok</string></value>\r\n    </param>\r\n  </params>\r\n</methodResponse>\r\n"))
            .ToArray();

        var value = XmlRpcResponseReader.Read(body);

        Assert.Equal("ok", value);
    }

    [Fact]
    public void A_utf16_body_that_declares_itself_is_decoded()
    {
        var body = Encoding.Unicode.GetPreamble()
            .Concat(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><methodResponse><params><param><value>ü中</value></param></params></methodResponse>"))
            .ToArray();

        var value = XmlRpcResponseReader.Read(body);

        Assert.Equal("ü中", value);
    }

    [Fact]
    public void A_method_call_without_params_element_has_no_parameters()
    {
        var call = XmlRpcResponseReader.ReadRequest(GoldenFile.Utf8("<methodCall><methodName> system.listMethods </methodName></methodCall>"));

        Assert.Equal("system.listMethods", call.MethodName);
        Assert.Empty(call.Parameters);
    }
}
