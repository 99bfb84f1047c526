using System.Text;

namespace Pactor.XmlRpc.Tests;

internal static class GoldenFile
{
    public static byte[] Read(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", relativePath));

    public static byte[] Utf8(string xml) => Encoding.UTF8.GetBytes(xml);

    /// <summary>A methodResponse holding the given <c>&lt;value&gt;</c> markup.</summary>
    public static byte[] Response(string valueXml) =>
        Utf8($"<?xml version=\"1.0\"?><methodResponse><params><param>{valueXml}</param></params></methodResponse>");
}
