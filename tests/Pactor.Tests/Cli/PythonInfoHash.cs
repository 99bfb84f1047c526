using System.Diagnostics;

namespace Pactor.Tests.Cli;

/// <summary>An independent info-hash computation: python3 hashes the raw bytes of the info value.</summary>
internal static class PythonInfoHash
{
    // A minimal bencode walker: finds where the top-level "info" value starts and ends.
    private const string Script = """
        import hashlib, sys
        data = open(sys.argv[1], 'rb').read()
        def end(i):
            c = data[i:i+1]
            if c == b'i': return data.index(b'e', i) + 1
            if c in (b'l', b'd'):
                i += 1
                while data[i:i+1] != b'e': i = end(i)
                return i + 1
            colon = data.index(b':', i)
            return colon + 1 + int(data[i:colon])
        i = 1
        while data[i:i+1] != b'e':
            k = end(i); key = data[data.index(b':', i) + 1:k]; v = end(k)
            if key == b'info': print(hashlib.sha1(data[k:v]).hexdigest().upper()); break
            i = v
        """;

    public static string Compute(string torrentPath)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(torrentPath);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("python3 not installed (apt-get install python3)");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {error}");
        return output.Trim();
    }
}
