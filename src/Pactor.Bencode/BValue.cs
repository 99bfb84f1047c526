namespace Pactor.Bencode;

/// <summary>A bencoded value: <see cref="BString"/>, <see cref="BInteger"/>, <see cref="BList"/> or <see cref="BDictionary"/>.</summary>
/// <remarks>Values compare by content (<see cref="object.Equals(object)"/>), so decoded and built values can be compared.</remarks>
public abstract class BValue
{
    private protected BValue()
    {
    }

    /// <summary>
    /// Where <see cref="BencodeReader.Read"/> found this value: slicing the input with it gives the value's
    /// bytes exactly as read (that is what the info hash is computed from). Null for values built in code.
    /// It is not updated when the value is changed afterwards.
    /// </summary>
    public Range? SourceRange { get; internal set; }
}
