namespace Pactor.Tests.Docker;

/// <summary>One <c>docker-compose config</c> run for all of <see cref="ComposeFileTests"/>.</summary>
public sealed class ComposeFixture : IAsyncLifetime
{
    private RenderedCompose? compose;

    internal RenderedCompose Compose => compose ?? throw new InvalidOperationException("the fixture was not initialized");

    public async Task InitializeAsync() => compose = await RenderedCompose.LoadAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
