using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pactor.XmlRpc;

namespace Pactor.RTorrent.Tests;

/// <summary>An XML-RPC fault the fake answers with.</summary>
internal sealed record Fault(int Code, string Text)
{
    public static Fault UnknownHash { get; } = new(-501, "Could not find info-hash.");
}

/// <summary>
/// A Moq transport that decodes each request and answers through a function: a value is written as the
/// reply, a <see cref="Fault"/> as a fault, a thrown exception is the transport's failure. system.multicall
/// is unpacked and each sub-call answered by the same function.
/// </summary>
internal sealed class FakeTransport
{
    private readonly Func<XmlRpcCall, object?> answer;
    private readonly TimeProvider clock;
    private readonly bool answersMulticall;

    /// <param name="answersMulticall">True to hand system.multicall itself to the function instead of unpacking it.</param>
    public FakeTransport(Func<XmlRpcCall, object?> answer, TimeProvider clock, bool answersMulticall = false)
    {
        this.answer = answer;
        this.clock = clock;
        this.answersMulticall = answersMulticall;
        Mock.Setup(transport => transport.CallAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .Returns((ReadOnlyMemory<byte> body, CancellationToken _) => Respond(body));
    }

    public Mock<IXmlRpcTransport> Mock { get; } = new(MockBehavior.Strict);

    /// <summary>Top-level calls, in order, with the fake clock's time of each.</summary>
    public List<(XmlRpcCall Call, DateTimeOffset At)> Calls { get; } = [];

    public IEnumerable<string> Methods => Calls.Select(call => call.Call.MethodName);

    public RTorrentClient CreateClient(RTorrentOptions? options = null) => new(
        Mock.Object, clock, NullLogger<RTorrentClient>.Instance, Options.Create(options ?? new RTorrentOptions()));

    /// <summary>Answers one method with reply bytes recorded from the real rtorrent (TestData/xmlrpc/FILE).</summary>
    public static Func<XmlRpcCall, object?> Golden(string method, string file) => call =>
        call.MethodName == method
            ? new GoldenReply(TestFiles.Read("xmlrpc/" + file))
            : throw new InvalidOperationException($"unexpected {call.MethodName}");

    private Task<byte[]> Respond(ReadOnlyMemory<byte> body)
    {
        var call = XmlRpcResponseReader.ReadRequest(body.Span);
        Calls.Add((call, clock.GetUtcNow()));
        try
        {
            var result = call.MethodName == "system.multicall" && !answersMulticall ? Multicall(call) : answer(call);
            return Task.FromResult(Encode(result));
        }
        catch (RTorrentUnreachableException e)
        {
            return Task.FromException<byte[]>(e);
        }
    }

    private object?[] Multicall(XmlRpcCall call) =>
    [
        .. XmlRpcValue.AsArray(call.Parameters[0]).Select(item =>
        {
            var subCall = new XmlRpcCall(
                XmlRpcValue.AsString(XmlRpcValue.GetMember(item, "methodName")),
                XmlRpcValue.AsArray(XmlRpcValue.GetMember(item, "params")));
            return answer(subCall) switch
            {
                Fault fault => (object?)new Dictionary<string, object?> { ["faultCode"] = fault.Code, ["faultString"] = fault.Text },
                var value => new object?[] { value },
            };
        }),
    ];

    private static byte[] Encode(object? result) => result switch
    {
        GoldenReply golden => golden.Body,
        Fault fault => XmlRpcResponseWriter.WriteFault(fault.Code, fault.Text),
        _ => XmlRpcResponseWriter.Write(result),
    };

    /// <summary>Reply bytes recorded from the real rtorrent.</summary>
    internal sealed record GoldenReply(byte[] Body);
}

internal static class FakeClock
{
    /// <summary>Advances the fake clock in small steps until the task completes (bounded), then awaits it.</summary>
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider clock, Task<T> task)
    {
        await DriveAsync(clock, (Task)task);
        return await task;
    }

    public static async Task DriveAsync(this FakeTimeProvider clock, Task task)
    {
        for (var step = 0; step < 5000 && !task.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }

        Assert.True(task.IsCompleted, "the call did not finish within 50 s of fake time");
        await task;
    }

    public static async Task<TException> DriveToFailureAsync<TException>(this FakeTimeProvider clock, Task task)
        where TException : Exception =>
        await Assert.ThrowsAsync<TException>(() => clock.DriveAsync(task));
}
