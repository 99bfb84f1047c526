namespace Pactor.Hosting;

/// <summary>Start-up refused: one line per problem, printed as <c>pactor: LINE</c> without a stack trace.</summary>
public sealed class PactorStartupException(IReadOnlyList<string> problems, Exception? innerException = null)
    : Exception(string.Join("; ", problems), innerException)
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
