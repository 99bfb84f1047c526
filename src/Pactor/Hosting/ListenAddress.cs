using System.Net;
using System.Net.NetworkInformation;

namespace Pactor.Hosting;

/// <summary>A parsed <c>Pactor:Listen</c>: plain HTTP on one IP address (or localhost) and port.</summary>
public sealed record ListenAddress(IPAddress? Address, int Port)
{
    /// <summary>True for <c>http://localhost:PORT</c>: both loopback addresses.</summary>
    public bool IsLocalhost => Address is null;

    /// <summary>The address, or null with a reason (pactor speaks plain HTTP: pacman's mirrors are files, not secrets).</summary>
    public static ListenAddress? TryParse(string? text, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"'{text}' is not http://IP:PORT or http://localhost:PORT";
            return null;
        }

        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns)
        {
            // Kestrel binds localhost on both loopback addresses, which needs a fixed port.
            error = uri.Port == 0 ? $"'{text}': localhost needs a port other than 0" : null;
            return error is null ? new ListenAddress(null, uri.Port) : null;
        }

        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            error = $"'{text}': '{uri.Host}' is not an IP address or localhost";
            return null;
        }

        return new ListenAddress(address, uri.Port);
    }

    /// <summary>Whether <paramref name="url"/> points at this address, i.e. at pactor itself.</summary>
    public bool IsSelf(Uri url)
    {
        if (url.Port != Port)
        {
            return false;
        }

        if (url.IsLoopback || string.Equals(url.IdnHost, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (Address is null || !IPAddress.TryParse(url.Host.Trim('[', ']'), out var host))
        {
            return false;
        }

        return host.Equals(Address)
            || ((Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any)) && IsLocalInterface(host));
    }

    private static bool IsLocalInterface(IPAddress host) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(host));
}
