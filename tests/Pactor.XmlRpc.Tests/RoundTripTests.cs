namespace Pactor.XmlRpc.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Every_supported_parameter_type_comes_back_from_ReadRequest()
    {
        object?[] parameters =
        [
            "text & <markup> \r\n ü中😀", "", 42, -7L, 5_000_000_000L, long.MinValue, true, false,
            -12.214, 1e300, double.Epsilon, -0.0, new byte[] { 0, 1, 254, 255 }, Array.Empty<byte>(),
            new ReadOnlyMemory<byte>([9, 8, 7]), new DateTime(1998, 7, 17, 14, 8, 55),
            new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567),
            new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(-5)), null,
            new object?[] { 1, "a", null, new object?[] { } }, new[] { "x", "y" }, new List<int> { 1, 2 },
            new Dictionary<string, object?> { ["methodName"] = "d.hash", ["params"] = new object?[] { "" }, [""] = "empty name" },
            new Dictionary<string, object?>(),
        ];

        var call = XmlRpcResponseReader.ReadRequest(XmlRpcRequestWriter.Write("every.type", parameters));

        Assert.Equal("every.type", call.MethodName);
        DecodedValue.AssertEqual(DecodedValue.Expected(parameters), call.Parameters.ToArray());
    }

    [Fact]
    public void Random_nested_values_survive_write_and_ReadRequest()
    {
        var random = new Random(1998_07_17);
        var generator = new RandomValue(random);

        for (var i = 0; i < 200; i++)
        {
            var parameters = Enumerable.Range(0, random.Next(0, 4)).Select(_ => generator.Next(depth: 0)).ToArray();

            var call = XmlRpcResponseReader.ReadRequest(XmlRpcRequestWriter.Write("random.call", parameters));

            DecodedValue.AssertEqual(DecodedValue.Expected(parameters), call.Parameters.ToArray(), $"run {i}");
        }
    }

    [Fact]
    public void Random_values_survive_a_response_round_trip()
    {
        var generator = new RandomValue(new Random(42));

        for (var i = 0; i < 200; i++)
        {
            var value = generator.Next(depth: 0);

            var read = XmlRpcResponseReader.Read(XmlRpcResponseWriter.Write(value));

            DecodedValue.AssertEqual(DecodedValue.Expected(value), read, $"run {i}");
        }
    }

    [Fact]
    public void Nesting_written_at_the_reader_limit_reads_back()
    {
        object? value = "leaf";
        for (var i = 0; i < 64; i++)
        {
            value = new object?[] { value };
        }

        var read = XmlRpcResponseReader.Read(XmlRpcResponseWriter.Write(value));

        DecodedValue.AssertEqual(DecodedValue.Expected(value), read);
    }
}
