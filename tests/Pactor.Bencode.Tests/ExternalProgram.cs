using System.Diagnostics;

namespace Pactor.Bencode.Tests;

/// <summary>Runs an installed program for cross-checks; a missing program fails the test, it never skips it.</summary>
internal static class ExternalProgram
{
    public static string Run(string program, string package, params string[] arguments)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail($"This test needs '{program}' on PATH to cross-check pactor, and it is missing: install it (apt-get install {package}).");
        }

        var start = new ProcessStartInfo(found) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within 30 s.");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        return output.Trim();
    }

    /// <summary>The info hash computed by the independent python parser committed next to the golden files.</summary>
    public static string PythonInfoHash(string torrentPath) =>
        Run("python3", "python3", GoldenFiles.Path("infohash.py"), torrentPath);
}
