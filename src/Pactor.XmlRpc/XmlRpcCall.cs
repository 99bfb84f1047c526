namespace Pactor.XmlRpc;

/// <summary>A decoded <c>methodCall</c>: parameters use the same CLR types as <see cref="XmlRpcResponseReader.Read"/> returns.</summary>
public sealed record XmlRpcCall(string MethodName, IReadOnlyList<object?> Parameters);
