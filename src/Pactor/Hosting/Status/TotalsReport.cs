namespace Pactor.Hosting.Status;

/// <summary>
/// Since start: requests answered, those answered with an error, bytes by source, bytes rtorrent uploaded
/// for pactor's downloads (null when unknown), and the offload ratio swarm / (swarm + fallback), null before any.
/// </summary>
public sealed record TotalsReport(long Requests, long Errors, BytesReport Bytes, long? UploadedBytes, double? OffloadRatio);
