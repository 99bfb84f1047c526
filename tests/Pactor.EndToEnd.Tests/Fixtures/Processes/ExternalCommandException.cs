namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>An external program failed, timed out or is missing; the message carries its output.</summary>
public sealed class ExternalCommandException : Exception
{
    public ExternalCommandException(string problem, string details)
        : base($"{problem}\n{details}")
    {
    }

    public ExternalCommandException(string message)
        : base(message)
    {
    }

    public ExternalCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExternalCommandException()
    {
    }
}
