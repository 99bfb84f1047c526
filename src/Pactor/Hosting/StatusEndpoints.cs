using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pactor.Hosting.Status;

namespace Pactor.Hosting;

/// <summary><c>GET /</c>: the live status page (one self-contained HTML file); <c>GET /api/status</c>: the same data as JSON.</summary>
public static class StatusEndpoints
{
    public const string StatusPath = "/api/status";

    private static readonly Lazy<byte[]> Page = new(ReadPage);

    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Bytes(Page.Value, "text/html; charset=utf-8"));
        endpoints.MapGet(StatusPath, (StatusReportBuilder status, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(status.Build(), StatusJsonContext.Default.StatusReport);
        });
        return endpoints;
    }

    private static byte[] ReadPage()
    {
        using var stream = typeof(StatusEndpoints).Assembly.GetManifestResourceStream("Pactor.Hosting.StatusPage.html")
            ?? throw new InvalidOperationException("the status page is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
