namespace Pactor.RTorrent.Tests;

/// <summary>Golden files under TestData/ and the copied rc templates, next to the test assembly.</summary>
internal static class TestFiles
{
    public static string PathOf(string relativePath) =>
        Path.Combine(AppContext.BaseDirectory, Path.Combine(relativePath.Split('/')));

    public static byte[] Read(string relativePath) => File.ReadAllBytes(PathOf("TestData/" + relativePath));
}
