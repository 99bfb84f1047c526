namespace Pactor.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int Usage = 2;
    /// <summary>128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Interrupted = 130;
}
