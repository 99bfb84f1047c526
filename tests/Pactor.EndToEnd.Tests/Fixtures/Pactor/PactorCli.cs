using System.Runtime.InteropServices;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Pactor;

/// <summary>
/// The real pactor program as a separate process: <c>dotnet pactor.dll ...</c> from the test output directory
/// (the project reference to src/Pactor puts pactor.dll and its runtimeconfig there), or the one <c>PACTOR_DLL</c>
/// names (the benchmarks measure a published pactor that way).
/// </summary>
public static class PactorCli
{
    public static string DllPath { get; } =
        Environment.GetEnvironmentVariable("PACTOR_DLL") is { Length: > 0 } dll ? Path.GetFullPath(dll) : Path.Combine(AppContext.BaseDirectory, "pactor.dll");

    /// <summary>The dotnet host running these tests, so pactor runs on the same runtime.</summary>
    public static string DotnetHost { get; } = FindDotnetHost();

    /// <summary>The program and leading arguments that start pactor: <c>[dotnet, pactor.dll]</c>.</summary>
    public static IReadOnlyList<string> CommandPrefix => [DotnetHost, DllPath];

    /// <summary>Runs <c>pactor ARGUMENTS</c> to completion; never throws for a non-zero exit.</summary>
    public static Task<CommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DllPath))
        {
            throw new ExternalCommandException($"{DllPath} is missing: the test project must reference src/Pactor/Pactor.csproj.");
        }

        return ExternalCommand.RunAsync(DotnetHost, [DllPath, .. arguments], timeout: timeout ?? TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
    }

    private static string FindDotnetHost()
    {
        // The SDK sets DOTNET_HOST_PATH for `dotnet test`; otherwise the host sits three levels above the runtime directory.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var besideRuntime = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        return File.Exists(besideRuntime) ? besideRuntime : RequiredProgram.Find("dotnet");
    }
}
