using System.Text;

namespace Pactor.XmlRpc.Tests;

public sealed class ResponseWriterTests
{
    [Fact]
    public void A_written_response_carries_one_param_and_reads_back()
    {
        var body = XmlRpcResponseWriter.Write(new object?[] { "0.9.8", 5_000_000_000L });

        var value = XmlRpcResponseReader.Read(body);

        Assert.Equal("<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param><value><array><data><value><string>0.9.8</string></value><value><i8>5000000000</i8></value></data></array></value></param>\n</params>\n</methodResponse>\n", Encoding.UTF8.GetString(body));
        Assert.Equal(["0.9.8", 5_000_000_000L], XmlRpcValue.AsArray(value));
    }

    [Fact]
    public void A_written_fault_reads_back_as_the_same_fault()
    {
        var body = XmlRpcResponseWriter.WriteFault(-501, "Could not find info-hash.");

        var fault = Assert.Throws<XmlRpcFaultException>(() => XmlRpcResponseReader.Read(body));

        Assert.Equal(-501, fault.FaultCode);
        Assert.Equal("Could not find info-hash.", fault.FaultString);
    }

    [Fact]
    public void A_fault_string_with_NUL_is_refused()
    {
        Assert.Throws<ArgumentException>(() => XmlRpcResponseWriter.WriteFault(-1, "a\0"));
    }

    [Fact]
    public void An_unsupported_response_value_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => XmlRpcResponseWriter.Write(new object?[] { 1, Guid.Empty }));

        Assert.Equal("value", error.ParamName);
        Assert.StartsWith("value[1]: type System.Guid is not supported by XML-RPC.", error.Message, StringComparison.Ordinal);
    }
}
