namespace Pactor.XmlRpc.Tests;

public sealed class GoldenRequestTests
{
    private static readonly byte[] SmallTorrent = GoldenFile.Utf8("d4:infod6:lengthi3e4:name1:a12:piece lengthi16384e6:pieces0:ee");

    [Fact]
    public void The_client_version_request_from_the_facts_file_is_115_bytes_and_parses()
    {
        var body = GoldenFile.Read("rtorrent-0.9.8/client_version.request.xml");

        var call = XmlRpcResponseReader.ReadRequest(body);

        Assert.Equal(115, body.Length); // the CONTENT_LENGTH rtorrent was sent
        Assert.Equal("system.client_version", call.MethodName);
        Assert.Empty(call.Parameters);
    }

    [Fact]
    public void Our_client_version_request_means_the_same_as_the_one_rtorrent_answered()
    {
        var python = XmlRpcResponseReader.ReadRequest(GoldenFile.Read("rtorrent-0.9.8/client_version.request.xml"));

        var ours = XmlRpcResponseReader.ReadRequest(XmlRpcRequestWriter.Write("system.client_version", []));

        Assert.Equal(python.MethodName, ours.MethodName);
        Assert.Equal(python.Parameters, ours.Parameters);
    }

    [Fact]
    public void Client_version_request_bytes_match_the_golden_file()
    {
        var bytes = XmlRpcRequestWriter.Write("system.client_version", []);

        Assert.Equal(GoldenFile.Read("requests/system.client_version.xml"), bytes);
    }

    [Fact]
    public void Load_raw_start_request_bytes_match_the_golden_file()
    {
        var bytes = XmlRpcRequestWriter.Write("load.raw_start", ["", SmallTorrent]);

        Assert.Equal(GoldenFile.Read("requests/load.raw_start.xml"), bytes);
    }

    [Fact]
    public void System_multicall_request_bytes_match_the_golden_file()
    {
        const string hash = "1FD217CC76031366F70406016BB2E86DA7C7C870";
        object?[] calls =
        [
            new Dictionary<string, object?> { ["methodName"] = "d.complete", ["params"] = new object?[] { hash } },
            new Dictionary<string, object?> { ["methodName"] = "d.directory.set", ["params"] = new object?[] { hash, "/srv/pkg & <cache>" } },
            new Dictionary<string, object?> { ["methodName"] = "d.priority.set", ["params"] = new object?[] { hash, 3_000_000_000L } },
        ];

        var bytes = XmlRpcRequestWriter.Write("system.multicall", [calls]);

        Assert.Equal(GoldenFile.Read("requests/system.multicall.xml"), bytes);
    }

    [Fact]
    public void Python_load_raw_start_with_wrapped_base64_decodes_to_the_torrent_bytes()
    {
        var body = GoldenFile.Read("rtorrent-0.9.8/load_raw_start.request.xml");

        var call = XmlRpcResponseReader.ReadRequest(body);

        Assert.Equal("load.raw_start", call.MethodName);
        Assert.Equal(2, call.Parameters.Count);
        Assert.Equal("", call.Parameters[0]);
        Assert.Equal(GoldenFile.Read("rtorrent-0.9.8/sample.torrent"), call.Parameters[1]);
    }

    [Fact]
    public void Python_system_multicall_request_parses_into_structs_of_name_and_params()
    {
        var body = GoldenFile.Read("rtorrent-0.9.8/system_multicall.request.xml");

        var call = XmlRpcResponseReader.ReadRequest(body);

        Assert.Equal("system.multicall", call.MethodName);
        var calls = XmlRpcValue.AsArray(Assert.Single(call.Parameters));
        Assert.Equal(5, calls.Length);
        Assert.Equal("system.client_version", XmlRpcValue.GetMember(calls[0], "methodName"));
        Assert.Empty(XmlRpcValue.AsArray(XmlRpcValue.GetMember(calls[0], "params")));
        Assert.Equal("d.complete", XmlRpcValue.GetMember(calls[1], "methodName"));
        Assert.Equal(["0000000000000000000000000000000000000000"], XmlRpcValue.AsArray(XmlRpcValue.GetMember(calls[1], "params")));
    }

    [Fact]
    public void Python_d_multicall2_request_keeps_every_column_in_order()
    {
        var body = GoldenFile.Read("rtorrent-0.9.8/d_multicall2.request.xml");

        var call = XmlRpcResponseReader.ReadRequest(body);

        Assert.Equal("d.multicall2", call.MethodName);
        Assert.Equal(["", "main", "d.hash=", "d.complete=", "d.bytes_done=", "d.size_bytes=", "d.base_path=", "d.name="], call.Parameters);
    }
}
