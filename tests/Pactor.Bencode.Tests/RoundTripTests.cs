namespace Pactor.Bencode.Tests;

public sealed class RoundTripTests
{
    private const int Iterations = 3000;

    [Fact]
    public void Random_values_survive_encode_and_decode_and_re_encode_to_identical_bytes()
    {
        var generator = new RandomBencode(seed: 20240601);

        for (var i = 0; i < Iterations; i++)
        {
            var value = generator.Next();

            var bytes = BencodeWriter.Write(value);
            var decoded = BencodeReader.Read(bytes);

            Assert.True(value.Equals(decoded), $"iteration {i}: decoded value differs");
            Assert.Equal(bytes, BencodeWriter.Write(decoded));
        }
    }

    [Fact]
    public void Every_decoded_value_source_range_holds_its_own_canonical_encoding()
    {
        var generator = new RandomBencode(seed: 7);

        for (var i = 0; i < Iterations / 3; i++)
        {
            var bytes = BencodeWriter.Write(generator.Next());

            foreach (var node in Walk(BencodeReader.Read(bytes)))
            {
                Assert.Equal(bytes[node.SourceRange!.Value], BencodeWriter.Write(node));
            }
        }
    }

    private static IEnumerable<BValue> Walk(BValue value)
    {
        yield return value;
        var children = value switch
        {
            BList list => list,
            BDictionary dictionary => dictionary.SelectMany(entry => new[] { entry.Key, entry.Value }),
            _ => [],
        };
        foreach (var child in children.SelectMany(Walk))
        {
            yield return child;
        }
    }
}
