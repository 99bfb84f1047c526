using System.Globalization;
using System.Net;
using Pactor.Benchmarks;

// Internal mode: the bare Kestrel file server the cache-hit benchmark runs as its own process.
if (args is ["floor", var root, var address, var port])
{
    return await KestrelFloor.ServeAsync(root, IPAddress.Parse(address), int.Parse(port, CultureInfo.InvariantCulture));
}

if (BenchOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return options.Benchmark switch
{
    "miss" => await CacheMissBenchmark.RunAsync(options),
    "hit" => await CacheHitBenchmark.RunAsync(options),
    "offload" => await OffloadBenchmark.RunAsync(options),
    "soak" => await SoakBenchmark.RunAsync(options),
    "sick-mirror" => await SickMirrorBenchmark.RunAsync(options),
    _ => await MemoryBenchmark.RunAsync(options),
};
