using System.Collections.ObjectModel;
using System.Text;

namespace Pactor.XmlRpc.Tests;

public sealed class RequestWriterTests
{
    private static string ParamXml(object? value)
    {
        var xml = Encoding.UTF8.GetString(XmlRpcRequestWriter.Write("m", [value]));
        var start = xml.IndexOf("<param>", StringComparison.Ordinal) + "<param>".Length;
        return xml[start..xml.IndexOf("</param>", StringComparison.Ordinal)];
    }

    public static TheoryData<object?, string> Encodings => new()
    {
        { null, "<value><nil/></value>" },
        { "", "<value><string></string></value>" },
        { "a & b <c> \"d\" 'e' ]]>", "<value><string>a &amp; b &lt;c&gt; \"d\" 'e' ]]&gt;</string></value>" },
        { "tab\tlf\ncr\r", "<value><string>tab\tlf\ncr&#13;</string></value>" },
        { "ü中😀", "<value><string>ü中😀</string></value>" },
        { true, "<value><boolean>1</boolean></value>" },
        { false, "<value><boolean>0</boolean></value>" },
        { -42, "<value><i4>-42</i4></value>" },
        { (long)int.MaxValue, "<value><i4>2147483647</i4></value>" },
        { (long)int.MinValue, "<value><i4>-2147483648</i4></value>" },
        { int.MaxValue + 1L, "<value><i8>2147483648</i8></value>" },
        { int.MinValue - 1L, "<value><i8>-2147483649</i8></value>" },
        { long.MaxValue, "<value><i8>9223372036854775807</i8></value>" },
        { 1.5, "<value><double>1.5</double></value>" },
        { -12.214, "<value><double>-12.214</double></value>" },
        { 3.0, "<value><double>3.0</double></value>" },
        { 1e20, "<value><double>100000000000000000000.0</double></value>" },
        { 1.25e-7, "<value><double>0.000000125</double></value>" },
        { -2.5e15, "<value><double>-2500000000000000.0</double></value>" },
        { -0.0, "<value><double>-0.0</double></value>" },
        { new byte[] { 1, 2, 3, 255 }, "<value><base64>AQID/w==</base64></value>" },
        { new ReadOnlyMemory<byte>([104, 105]), "<value><base64>aGk=</base64></value>" },
        { new DateTime(1998, 7, 17, 14, 8, 55), "<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>" },
        { new DateTime(1998, 7, 17, 14, 8, 55, DateTimeKind.Utc), "<value><dateTime.iso8601>19980717T14:08:55Z</dateTime.iso8601></value>" },
        { new DateTime(1998, 7, 17, 14, 8, 55, 250), "<value><dateTime.iso8601>19980717T14:08:55.25</dateTime.iso8601></value>" },
        { new DateTimeOffset(1998, 7, 17, 16, 8, 55, TimeSpan.FromHours(2)), "<value><dateTime.iso8601>19980717T14:08:55Z</dateTime.iso8601></value>" },
        { new object?[] { 1, "a" }, "<value><array><data><value><i4>1</i4></value><value><string>a</string></value></data></array></value>" },
        { new int[] { 7 }, "<value><array><data><value><i4>7</i4></value></data></array></value>" },
        { new List<long> { 1L << 40 }, "<value><array><data><value><i8>1099511627776</i8></value></data></array></value>" },
        { new List<string>(), "<value><array><data></data></array></value>" },
        { new Dictionary<string, object?> { ["a<b"] = null }, "<value><struct><member><name>a&lt;b</name><value><nil/></value></member></struct></value>" },
        { new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?> { ["n"] = 1 }), "<value><struct><member><name>n</name><value><i4>1</i4></value></member></struct></value>" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Each_supported_value_has_one_encoding(object? value, string expected)
    {
        var xml = ParamXml(value);

        Assert.Equal(expected, xml);
    }

    [Fact]
    public void An_IDictionary_that_is_not_read_only_still_writes_a_struct()
    {
        IDictionary<string, object?> members = new SortedList<string, object?> { ["b"] = 2, ["a"] = 1 };

        var xml = ParamXml(members);

        Assert.Equal("<value><struct><member><name>a</name><value><i4>1</i4></value></member><member><name>b</name><value><i4>2</i4></value></member></struct></value>", xml);
    }

    [Fact]
    public void A_request_is_utf8_without_bom_and_starts_with_the_declaration()
    {
        var bytes = XmlRpcRequestWriter.Write("d.name", ["ü"]);

        Assert.Equal("<?xml version=\"1.0\"?>\n<methodCall>\n"u8.ToArray(), bytes[..35]);
        Assert.Contains("<string>\u00fc</string>", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(2, Encoding.UTF8.GetByteCount("ü"));
    }

    public static TheoryData<object?> Unsupported => new()
    {
        Guid.Empty,
        new object(),
        1.5f,
        1.5m,
        (short)1,
        (uint)1,
        'c',
        DayOfWeek.Monday,
        TimeSpan.Zero,
        new Uri("http://x/"),
        new Dictionary<string, string> { ["a"] = "b" },
        new Dictionary<int, object?> { [1] = "b" },
        new System.Collections.Hashtable(),
        new Memory<byte>([1]),
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_types_are_refused_with_type_and_index(object? value)
    {
        var error = Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", ["ok", value]));

        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("Parameter 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not supported by XML-RPC", error.Message, StringComparison.Ordinal);
        Assert.Contains(value!.GetType().Name.Split('`')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_value_deep_inside_is_located_by_its_path()
    {
        object?[] parameters = ["x", new object?[] { 1, new Dictionary<string, object?> { ["peer"] = Guid.Empty } }];

        var error = Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", parameters));

        Assert.StartsWith("Parameter 1 (parameters[1][1][\"peer\"]): type System.Guid is not supported by XML-RPC.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_doubles_are_refused(double value)
    {
        var error = Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", [value]));

        Assert.Contains("has no XML-RPC representation", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nul\0byte", "U+0000 at index 3")]
    [InlineData("bell\u0007", "U+0007 at index 4")]
    [InlineData("not a char \uffff", "U+FFFF at index 11")]
    [InlineData("\ufffe", "U+FFFE at index 0")]
    public void Strings_with_characters_xml_cannot_carry_are_refused(string text, string located)
    {
        var error = Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", [text]));

        Assert.Contains(located, error.Message, StringComparison.Ordinal);
    }

    // Built at run time: attribute arguments are stored as UTF-8, which would turn lone surrogates into U+FFFD.
    [Fact]
    public void Strings_with_lone_surrogates_are_refused()
    {
        string[] texts = ["lone " + (char)0xD800 + " high", "lone " + (char)0xDC00 + " low", "end " + (char)0xD83D, "reversed " + (char)0xDE00 + (char)0xD83D];

        var messages = texts.Select(text => Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", [text])).Message).ToArray();

        Assert.Contains("U+D800 at index 5", messages[0], StringComparison.Ordinal);
        Assert.Contains("U+DC00 at index 5", messages[1], StringComparison.Ordinal);
        Assert.Contains("U+D83D at index 4", messages[2], StringComparison.Ordinal);
        Assert.Contains("U+DE00 at index 9", messages[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_struct_member_name_with_NUL_is_refused()
    {
        var members = new Dictionary<string, object?> { ["a\0"] = 1 };

        Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", [members]));
    }

    [Fact]
    public void A_cyclic_array_is_refused_instead_of_overflowing_the_stack()
    {
        var cycle = new object?[1];
        cycle[0] = cycle;

        var error = Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write("m", [cycle]));

        Assert.Contains("nest deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" d.name")]
    [InlineData("d name")]
    [InlineData("a/b")]
    [InlineData("d.name=")]
    [InlineData("ümlaut")]
    [InlineData("x<y")]
    [InlineData("a\0")]
    [InlineData(null)]
    public void Invalid_method_names_are_refused(string? methodName)
    {
        var error = Assert.Throws<ArgumentException>(() => XmlRpcRequestWriter.Write(methodName!, []));

        Assert.Equal("methodName", error.ParamName);
    }

    [Theory]
    [InlineData("system.multicall")]
    [InlineData("d.custom1.set")]
    [InlineData("load.raw_start_verbose")]
    [InlineData("ns:method_2")]
    public void Valid_method_names_are_written_verbatim(string methodName)
    {
        var call = XmlRpcResponseReader.ReadRequest(XmlRpcRequestWriter.Write(methodName, []));

        Assert.Equal(methodName, call.MethodName);
    }

    [Fact]
    public void A_null_parameter_list_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => XmlRpcRequestWriter.Write("m", null!));
    }
}
