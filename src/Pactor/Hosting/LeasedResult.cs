using Microsoft.AspNetCore.Http;
using Pactor.Core.Store;

namespace Pactor.Hosting;

/// <summary>
/// A file answer under its package's lease: released once the file has been written to the response
/// (or the client went away), so that cache eviction never removes a file a response is reading.
/// </summary>
public sealed class LeasedResult(IResult inner, PackageLease lease) : IResult
{
    public static IResult Of(IResult inner, PackageLease? lease) => lease is null ? inner : new LeasedResult(inner, lease);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (lease)
        {
            await inner.ExecuteAsync(httpContext);
        }
    }
}
