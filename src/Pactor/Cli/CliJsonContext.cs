using System.Text.Json.Serialization;

namespace Pactor.Cli;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TorrentSummary))]
[JsonSerializable(typeof(List<DownloadRow>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
