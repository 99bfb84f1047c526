using System.Net;

namespace Pactor.Benchmarks;

/// <summary>One HTTP GET as the client saw it: status, body bytes, time to the last byte, redirect target.</summary>
public sealed record Transfer(HttpStatusCode Status, long Bytes, TimeSpan TimeToLastByte, Uri? Location);
