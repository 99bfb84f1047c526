namespace Pactor.Core.Activity;

/// <summary>The lower-case names sources have in the status JSON and in metric labels.</summary>
public static class RequestSourceNames
{
    public static string Name(this RequestSource source) => source switch
    {
        RequestSource.Cache => "cache",
        RequestSource.Swarm => "swarm",
        RequestSource.Fallback => "fallback",
        RequestSource.Upstream => "upstream",
        _ => "error",
    };
}
