using System.Text;

namespace Pactor.XmlRpc;

/// <summary>Joins text nodes; almost always there is one, and many (CDATA, comments between) stay linear.</summary>
internal struct XmlTextBuffer
{
    private string? _first;
    private StringBuilder? _rest;

    public void Append(string text)
    {
        if (_first is null)
        {
            _first = text;
        }
        else
        {
            (_rest ??= new StringBuilder(_first)).Append(text);
        }
    }

    public override readonly string ToString() => _rest?.ToString() ?? _first ?? string.Empty;
}
