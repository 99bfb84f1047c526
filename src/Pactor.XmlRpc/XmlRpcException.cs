namespace Pactor.XmlRpc;

/// <summary>
/// Base of every error the XML-RPC codec reports: a fault sent by the server
/// (<see cref="XmlRpcFaultException"/>) or a body that is not valid XML-RPC
/// (<see cref="XmlRpcFormatException"/>).
/// </summary>
public abstract class XmlRpcException : Exception
{
    protected XmlRpcException(string message)
        : base(message)
    {
    }

    protected XmlRpcException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
