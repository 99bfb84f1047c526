using System.Text.Json.Serialization;

namespace Pactor.Hosting.Status;

/// <summary>The status JSON, written by <c>GET /api/status</c> and read by <c>pactor status</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusReport))]
public sealed partial class StatusJsonContext : JsonSerializerContext;
