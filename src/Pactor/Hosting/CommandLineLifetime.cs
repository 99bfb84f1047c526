using Microsoft.Extensions.Hosting;

namespace Pactor.Hosting;

/// <summary>
/// The host's lifetime when the command line runs it: Ctrl-C and SIGTERM are the command line's to handle (they
/// cancel the command, which stops the host), so the host registers no signal handlers of its own. Two handlers for
/// one signal raced: the host stopped first, the command ended, and the command line's handler then cancelled a
/// disposed token and crashed the process with a stack trace at exit.
/// </summary>
public sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
