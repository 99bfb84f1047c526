namespace Pactor.Tests.Hosting;

/// <summary>Request targets an attacker (or a confused client) might send, as raw request-target text.</summary>
public static class HostilePaths
{
    private const string Dir = "/core/os/x86_64/";

    public static TheoryData<string> All { get; } =
    [
        // Traversal, plain and encoded.
        Dir + "../../../etc/passwd",
        Dir + "..%2f..%2f..%2fetc%2fpasswd",
        Dir + "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        Dir + "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        Dir + "..%5c..%5c..%5cetc%5cpasswd",
        Dir + "..\\..\\..\\etc\\passwd",
        Dir + "core.db%2f..%2f..%2fsecret",
        "/core/os/x86_64%2f..%2f..%2f/core.db",
        "/..%2f..%2fetc/os/x86_64/core.db",
        "/core%2fos%2fx86_64%2fcore.db",
        "/core/os/x86_64/..;/..;/etc/passwd",
        "/core/os/..%252f..%252f/core.db",
        // Double and triple encoding, IIS-style escapes.
        Dir + "%252e%252e%252fetc%252fpasswd",
        Dir + "%25252e%25252e",
        Dir + "%u002e%u002e%u2215etc",
        // NUL and control characters, CRLF (response splitting, log forging).
        Dir + "core.db%00",
        Dir + "core.db%00.pkg.tar.zst",
        Dir + "%00",
        Dir + "a%0d%0aSet-Cookie:%20x-1-1-x86_64.pkg.tar.zst",
        Dir + "a%0a.pkg.tar.zst",
        Dir + "a%09b-1-1-x86_64.pkg.tar.zst",
        Dir + "a%7fb-1-1-x86_64.pkg.tar.zst",
        // rtorrent command syntax, shell and quoting characters.
        Dir + "foo;d.erase=-1-1-x86_64.pkg.tar.zst",
        Dir + "foo%3Bd.stop%3D-1-1-x86_64.pkg.tar.zst",
        Dir + "a,b-1-1-x86_64.pkg.tar.zst",
        Dir + "foo=bar-1-1-x86_64.pkg.tar.zst",
        Dir + "%22quoted%22-1-1-x86_64.pkg.tar.zst",
        Dir + "'single'-1-1-x86_64.pkg.tar.zst",
        Dir + "$(reboot)-1-1-x86_64.pkg.tar.zst",
        Dir + "%24%28id%29-1-1-x86_64.pkg.tar.zst",
        Dir + "%60id%60-1-1-x86_64.pkg.tar.zst",
        Dir + "a%7Cb-1-1-x86_64.pkg.tar.zst",
        Dir + "a&b-1-1-x86_64.pkg.tar.zst",
        Dir + "%3Cscript%3E-1-1-x86_64.pkg.tar.zst",
        Dir + "foo*-1-1-x86_64.pkg.tar.zst",
        Dir + "a%20b-1-1-x86_64.pkg.tar.zst",
        Dir + "core.db:$DATA",
        Dir + "core.db%3F.sig",
        Dir + "foo.pkg.tar.zst%23.sig",
        // Leading dot or dash: hidden files, option injection.
        Dir + ".hidden-1-1-x86_64.pkg.tar.zst",
        Dir + ".core.db",
        "/.core/os/x86_64/core.db",
        "/core/os/.x86_64/core.db",
        "/.git/config/HEAD",
        Dir + "-rf-1-1-x86_64.pkg.tar.zst",
        // Overlong names and segments.
        Dir + new string('a', 256) + ".pkg.tar.zst",
        "/" + new string('r', 65) + "/os/x86_64/core.db",
        "/core/os/" + new string('x', 65) + "/core.db",
        Dir + new string('a', 2000) + "-1-1-x86_64.pkg.tar.zst",
        // Unicode tricks: overlong UTF-8, fullwidth dots and solidus, RTL override, homoglyphs, bad UTF-8.
        Dir + "%C0%AE%C0%AE%C0%AFetc",
        Dir + "%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc",
        Dir + "%E2%80%AEzst.rat.gkp.-1-1-x86_64",
        Dir + "c%D0%BEre.db",
        "/c%D0%BEre/os/x86_64/core.db",
        Dir + "%ff%fe.pkg.tar.zst",
        // Not a file of a mirror: empty segments, directories, other kinds.
        "//etc/passwd",
        "/core/os/x86_64/",
        Dir + "core.db/%2e%2e%2f%2e%2e%2fpasswd",
        Dir + "passwd",
    ];
}
