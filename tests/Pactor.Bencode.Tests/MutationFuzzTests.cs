namespace Pactor.Bencode.Tests;

/// <summary>
/// Random damage to valid torrents must end in success or the typed exception, never anything else and never
/// a hang: iterations are fixed, and a wall-clock bound catches accidental slowness.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int MutationsPerTorrent = 2500;
    private static readonly byte[] Significant = "ilde:-0123456789"u8.ToArray();

    [Fact]
    public void Mutated_torrents_parse_or_throw_only_the_typed_exceptions()
    {
        var random = new Random(1234);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();

        foreach (var golden in GoldenFiles.All)
        {
            var original = File.ReadAllBytes(GoldenFiles.Path(golden.File));
            for (var i = 0; i < MutationsPerTorrent; i++)
            {
                var mutated = Mutate(original, random);

                var outcome = ParseBoth(mutated, $"{golden.File} mutation {i}");

                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {watch.Elapsed}");
        Assert.True(outcomes.GetValueOrDefault("parsed") > 0, "no mutation parsed: the mutations are too coarse");
        Assert.True(outcomes.GetValueOrDefault("rejected") > MutationsPerTorrent, "too few mutations were rejected");
    }

    private static string ParseBoth(byte[] data, string what)
    {
        string readerOutcome;
        try
        {
            BencodeReader.Read(data);
            readerOutcome = "parsed";
        }
        catch (BencodeException)
        {
            readerOutcome = "rejected";
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: BencodeReader threw {e}");
        }

        try
        {
            Metainfo.Parse(data);
            Assert.True(readerOutcome == "parsed", $"{what}: Metainfo accepted what the reader rejected");
            return "parsed";
        }
        catch (MetainfoException)
        {
            return "rejected";
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: Metainfo.Parse threw {e}");
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        for (var count = random.Next(1, 4); count > 0 && data.Count > 0; count--)
        {
            var at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 5)).Select(_ => Significant[random.Next(Significant.Length)]));
                    break;
                case 4:
                    data.RemoveRange(at, Math.Min(random.Next(1, 40), data.Count - at));
                    break;
                case 5:
                    var from = random.Next(data.Count);
                    data.InsertRange(at, data.GetRange(from, Math.Min(random.Next(1, 60), data.Count - from)));
                    break;
                default:
                    data[at] = Significant[random.Next(Significant.Length)];
                    break;
            }
        }

        return [.. data];
    }
}
