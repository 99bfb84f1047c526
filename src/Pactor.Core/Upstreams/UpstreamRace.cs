namespace Pactor.Core.Upstreams;

/// <summary>
/// Races a second upstream against a first that has not answered in time, as a hedged request: the first GET starts
/// alone; if it has neither answered nor ended after <c>raceAfter</c>, the second starts beside it, and whichever answers
/// first wins. The loser is not cut off at once: it runs on in the background until it answers (then it is cancelled,
/// its body unwanted) or fails on its own, so that a silent upstream still has its failure recorded and is skipped next
/// time, instead of costing every request the race delay. A lane that ends without winning (a failure, a 404) leaves
/// the other to go on alone.
/// </summary>
public sealed class UpstreamRace(TimeProvider time)
{
    /// <summary>
    /// The results of the lanes that ended without losing, in the order they ended (the last one is the winner's when
    /// <paramref name="wins"/> holds for it), and the lane that lost, if one did. Lane 0 is <paramref name="first"/>,
    /// lane 1 <paramref name="second"/>.
    /// </summary>
    public async Task<RaceOutcome<T>> RunAsync<T>(
        Func<RaceLane, Task<T>> first, Func<RaceLane, Task<T>>? second, TimeSpan raceAfter, Func<T, bool> wins)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(wins);
        var lanes = new List<(RaceLane Lane, Task<T> Task)>(2);
        var firstLane = new RaceLane();
        if (second is not null && raceAfter > TimeSpan.Zero)
        {
            // The clock starts before the first GET does.
            using var delay = new CancellationTokenSource();
            var raceStarts = Task.Delay(raceAfter, time, delay.Token);
            lanes.Add((firstLane, Start(first, firstLane)));
            await Task.WhenAny(lanes[0].Task, firstLane.AnsweredTask, raceStarts);
            await delay.CancelAsync();
            if (!lanes[0].Task.IsCompleted && !firstLane.HasAnswered)
            {
                var secondLane = new RaceLane();
                lanes.Add((secondLane, Start(second, secondLane)));
            }
        }
        else
        {
            lanes.Add((firstLane, Start(first, firstLane)));
        }

        var ended = new List<(int Lane, T Result)>(2);
        var running = Enumerable.Range(0, lanes.Count).ToList();
        while (running.Count > 0)
        {
            if (running.Count == 1)
            {
                var only = running[0];
                ended.Add((only, await lanes[only].Task));
                lanes[only].Lane.Dispose();
                return new RaceOutcome<T>(ended, null);
            }

            await Task.WhenAny(running.SelectMany(i => new[] { lanes[i].Task, lanes[i].Lane.AnsweredTask }));
            var winner = running.FirstOrDefault(i => lanes[i].Lane.HasAnswered || (lanes[i].Task.IsCompletedSuccessfully && wins(lanes[i].Task.Result)), -1);
            if (winner >= 0)
            {
                var loser = running.Single(i => i != winner);
                lanes[loser].Lane.Lose();
                _ = RunOutAsync(lanes[loser].Lane, lanes[loser].Task);
                ended.Add((winner, await lanes[winner].Task));
                lanes[winner].Lane.Dispose();
                return new RaceOutcome<T>(ended, loser);
            }

            // A lane ended without winning: the other goes on alone.
            foreach (var done in running.Where(i => lanes[i].Task.IsCompleted).ToList())
            {
                ended.Add((done, await lanes[done].Task));
                lanes[done].Lane.Dispose();
                running.Remove(done);
            }
        }

        return new RaceOutcome<T>(ended, null);
    }

    private static Task<T> Start<T>(Func<RaceLane, Task<T>> get, RaceLane lane) => Task.Run(() => get(lane));

    // Until the loser answers (its upstream is alive; what it sends is not wanted) or fails by itself (recorded by the GET).
    private static async Task RunOutAsync<T>(RaceLane lane, Task<T> task)
    {
        using (lane)
        {
            await Task.WhenAny(task, lane.AnsweredTask);
            lane.Cancel();
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
                // Cancelled because it answered after the winner: nothing of it is kept.
            }
            catch (IOException)
            {
                // Its temporary file could not be written: it lost anyway.
            }
        }
    }
}
