namespace Pactor.XmlRpc;

internal static class XmlRpcMethodName
{
    // The XML-RPC spec allows A-Z, a-z, 0-9, '_', '.', ':' and '/'; rtorrent commands need
    // only letters, digits, '.', '_' (and ':' for namespaced extensions), so '/' is refused.
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
