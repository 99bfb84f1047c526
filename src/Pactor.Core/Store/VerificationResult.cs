namespace Pactor.Core.Store;

public sealed record VerificationResult(bool IsValid, string? Problem)
{
    public static VerificationResult Ok { get; } = new(true, null);

    public static VerificationResult Fail(string problem) => new(false, problem);
}
