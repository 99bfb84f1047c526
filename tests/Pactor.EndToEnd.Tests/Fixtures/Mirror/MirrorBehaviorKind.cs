namespace Pactor.EndToEnd.Tests.Fixtures.Mirror;

public enum MirrorBehaviorKind
{
    Serve,
    Stall,
    Fail,
    Redirect,
    ServeAfterDelay,
    Reset,
}
