namespace Pactor.XmlRpc.Tests;

public sealed class XmlRpcValueTests
{
    [Fact]
    public void Typed_views_return_values_of_their_type()
    {
        var time = new DateTime(2024, 1, 2, 3, 4, 5);
        var members = new Dictionary<string, object?> { ["a"] = 1L };

        Assert.Equal(5_000_000_000L, XmlRpcValue.AsInt64(5_000_000_000L));
        Assert.Equal(-506, XmlRpcValue.AsInt32(-506L));
        Assert.Equal("x", XmlRpcValue.AsString("x"));
        Assert.Equal(1.5, XmlRpcValue.AsDouble(1.5));
        Assert.Equal([1, 2], XmlRpcValue.AsBytes(new byte[] { 1, 2 }));
        Assert.Equal(time, XmlRpcValue.AsDateTime(time));
        Assert.Equal(["a", 1L], XmlRpcValue.AsArray(new object?[] { "a", 1L }));
        Assert.Same(members, XmlRpcValue.AsStruct(members));
        Assert.Equal(1L, XmlRpcValue.GetMember(members, "a"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(1L, true)]
    [InlineData(0L, false)]
    [InlineData(1, true)]
    public void AsBoolean_accepts_booleans_and_rtorrent_i8_flags(object value, bool expected)
    {
        Assert.Equal(expected, XmlRpcValue.AsBoolean(value));
    }

    [Theory]
    [InlineData(2L)]
    [InlineData(-1L)]
    [InlineData("1")]
    [InlineData(null)]
    public void AsBoolean_refuses_anything_else(object? value)
    {
        Assert.Throws<XmlRpcFormatException>(() => XmlRpcValue.AsBoolean(value));
    }

    [Fact]
    public void A_mismatch_says_what_was_expected_and_what_came()
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcValue.AsInt64("abc"));

        Assert.Equal("Unexpected XML-RPC value: expected i8, got string 'abc'.", error.Message);
    }

    [Fact]
    public void Every_view_refuses_every_other_type()
    {
        object?[] samples = [null, "s", 1L, true, 1.5, new byte[] { 1 }, new DateTime(2000, 1, 1), new object?[] { 1L }, new Dictionary<string, object?>()];
        Func<object?, object?>[] views =
        [
            v => XmlRpcValue.AsInt64(v), v => XmlRpcValue.AsString(v), v => XmlRpcValue.AsDouble(v),
            v => XmlRpcValue.AsBytes(v), v => XmlRpcValue.AsDateTime(v), v => XmlRpcValue.AsArray(v), v => XmlRpcValue.AsStruct(v),
        ];

        var accepted = views.Select(view => samples.Count(sample => Accepts(view, sample))).ToArray();

        Assert.Equal([1, 1, 1, 1, 1, 1, 1], accepted);
    }

    [Fact]
    public void AsInt32_refuses_a_value_beyond_i4()
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcValue.AsInt32(1L << 40));

        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetMember_names_a_missing_member()
    {
        var error = Assert.Throws<XmlRpcFormatException>(() => XmlRpcValue.GetMember(new Dictionary<string, object?>(), "faultCode"));

        Assert.Contains("no member 'faultCode'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnwrapMulticall_returns_the_single_value_of_a_wrapped_result()
    {
        Assert.Equal(300000L, XmlRpcValue.UnwrapMulticall(new object?[] { 300000L }));
        Assert.Null(XmlRpcValue.UnwrapMulticall(new object?[] { null }));
    }

    [Fact]
    public void UnwrapMulticall_throws_a_fault_struct_as_a_fault()
    {
        var item = new Dictionary<string, object?> { ["faultCode"] = -501L, ["faultString"] = "Could not find info-hash." };

        var fault = Assert.Throws<XmlRpcFaultException>(() => XmlRpcValue.UnwrapMulticall(item));

        Assert.Equal(-501, fault.FaultCode);
        Assert.Equal("Could not find info-hash.", fault.FaultString);
    }

    [Theory]
    [MemberData(nameof(NotMulticallItems))]
    public void UnwrapMulticall_refuses_other_shapes(object? item)
    {
        Assert.Throws<XmlRpcFormatException>(() => XmlRpcValue.UnwrapMulticall(item));
    }

    public static TheoryData<object?> NotMulticallItems => new()
    {
        null,
        "0.9.8",
        new object?[0],
        new object?[] { 1L, 2L },
        new Dictionary<string, object?> { ["faultCode"] = -1L },
        new Dictionary<string, object?> { ["faultCode"] = "x", ["faultString"] = "y" },
    };

    [Fact]
    public void Fault_message_joins_code_and_string()
    {
        var fault = new XmlRpcFaultException(-506, "Method 'x' not defined");

        Assert.Equal("XML-RPC fault -506: Method 'x' not defined", fault.Message);
        Assert.IsAssignableFrom<XmlRpcException>(fault);
    }

    private static bool Accepts(Func<object?, object?> view, object? value)
    {
        try
        {
            view(value);
            return true;
        }
        catch (XmlRpcFormatException)
        {
            return false;
        }
    }
}
