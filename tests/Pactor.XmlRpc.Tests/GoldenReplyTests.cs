namespace Pactor.XmlRpc.Tests;

public sealed class GoldenReplyTests
{
    private const string Hash = "1FD217CC76031366F70406016BB2E86DA7C7C870";

    [Fact]
    public void Client_version_reply_with_declaration_and_crlf_reads_as_a_string()
    {
        var body = GoldenFile.Read("rtorrent-0.9.8/client_version.reply.xml");

        var value = XmlRpcResponseReader.Read(body);

        Assert.Equal(152, body.Length); // the Content-Length rtorrent announced
        Assert.Contains((byte)'\r', body);
        Assert.Equal("0.9.8", value);
    }

    [Fact]
    public void The_compact_fault_from_the_facts_file_throws_the_fault()
    {
        var body = GoldenFile.Utf8(
            "<methodResponse><fault><value><struct><member><name>faultCode</name><value><i4>-506</i4></value></member>"
            + "<member><name>faultString</name><value><string>Method 'no.such.method' not defined</string></value></member>"
            + "</struct></value></fault></methodResponse>");

        var fault = Assert.Throws<XmlRpcFaultException>(() => XmlRpcResponseReader.Read(body));

        Assert.Equal(-506, fault.FaultCode);
        Assert.Equal("Method 'no.such.method' not defined", fault.FaultString);
        Assert.Equal("XML-RPC fault -506: Method 'no.such.method' not defined", fault.Message);
    }

    [Theory]
    [InlineData("fault_506.reply.xml", -506, "Method 'no.such.method' not defined")]
    [InlineData("fault_501.reply.xml", -501, "Could not find info-hash.")]
    public void Captured_faults_throw_code_and_string(string file, int code, string text)
    {
        var body = GoldenFile.Read("rtorrent-0.9.8/" + file);

        var fault = Assert.Throws<XmlRpcFaultException>(() => XmlRpcResponseReader.Read(body));

        Assert.Equal(code, fault.FaultCode);
        Assert.Equal(text, fault.FaultString);
    }

    [Fact]
    public void Load_raw_start_reply_is_an_i4_zero_read_as_long()
    {
        var value = XmlRpcResponseReader.Read(GoldenFile.Read("rtorrent-0.9.8/load_raw_start.reply.xml"));

        Assert.Equal(0L, value);
    }

    [Fact]
    public void D_multicall2_reply_is_an_array_of_rows_with_i8_columns()
    {
        var value = XmlRpcResponseReader.Read(GoldenFile.Read("rtorrent-0.9.8/d_multicall2.reply.xml"));

        var row = XmlRpcValue.AsArray(Assert.Single(XmlRpcValue.AsArray(value)));
        Assert.Equal<object?>([Hash, 0L, 0L, 300000L, "/tmp/xmlrpc-capture/dl/sample.bin", "sample.bin"], row);
        Assert.False(XmlRpcValue.AsBoolean(row[1]));
    }

    [Fact]
    public void System_multicall_reply_mixes_wrapped_values_and_fault_structs()
    {
        var items = XmlRpcValue.AsArray(XmlRpcResponseReader.Read(GoldenFile.Read("rtorrent-0.9.8/system_multicall.reply.xml")));

        Assert.Equal(5, items.Length);
        Assert.Equal("0.9.8", XmlRpcValue.UnwrapMulticall(items[0]));
        Assert.Equal(-501, Assert.Throws<XmlRpcFaultException>(() => XmlRpcValue.UnwrapMulticall(items[1])).FaultCode);
        Assert.Equal("Could not find info-hash.", Assert.Throws<XmlRpcFaultException>(() => XmlRpcValue.UnwrapMulticall(items[2])).FaultString);
        Assert.Equal(-506, Assert.Throws<XmlRpcFaultException>(() => XmlRpcValue.UnwrapMulticall(items[3])).FaultCode);
        Assert.Equal(1795746496L, XmlRpcValue.UnwrapMulticall(items[4]));
    }

    [Fact]
    public void Multicall_reply_to_our_own_request_round_trips_escaped_text()
    {
        var items = XmlRpcValue.AsArray(XmlRpcResponseReader.Read(GoldenFile.Read("rtorrent-0.9.8/system_multicall_set_get.reply.xml")));

        Assert.Equal(300000L, XmlRpcValue.UnwrapMulticall(items[0]));
        Assert.Equal("a<b & \"c\" \n ü", XmlRpcValue.UnwrapMulticall(items[2]));
        Assert.Equal(0L, XmlRpcValue.UnwrapMulticall(items[3]));
        Assert.Equal("0.9.8", XmlRpcValue.UnwrapMulticall(items[4]));
    }
}
