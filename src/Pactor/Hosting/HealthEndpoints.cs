using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pactor.Hosting;

/// <summary>
/// <c>GET /healthz</c>: 200 <c>ok</c> while the process serves HTTP. <c>GET /readyz</c>: 200 <c>ready</c>, or 503
/// with one line per reason (see <see cref="ReadinessProbe"/>).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Text(StatusCodes.Status200OK, "ok\n"));
        endpoints.MapGet("/readyz", async (ReadinessProbe readiness) =>
        {
            var problems = await readiness.ProblemsAsync();
            return problems.Count == 0
                ? Text(StatusCodes.Status200OK, "ready\n")
                : Text(StatusCodes.Status503ServiceUnavailable, string.Concat(problems.Select(p => p + "\n")));
        });
        return endpoints;
    }

    private static IResult Text(int status, string body) => Results.Text(body, "text/plain; charset=utf-8", statusCode: status);
}
