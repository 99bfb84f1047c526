namespace Pactor.Bencode;

/// <summary>Reads tracker (BEP 12 <c>announce-list</c>) and web seed (BEP 19 <c>url-list</c>) fields.</summary>
internal static class TrackerFields
{
    public static IReadOnlyList<IReadOnlyList<string>> ReadAnnounceList(BDictionary root)
    {
        var tiers = TorrentFields.Optional<BList>(root, "announce-list", "");
        if (tiers is null)
        {
            return [];
        }

        var result = new List<IReadOnlyList<string>>(tiers.Count);
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = TorrentFields.Item<BList>(tiers[i], $"announce-list[{i}]");
            result.Add([.. tier.Select((url, j) => TorrentFields.Item<BString>(url, $"announce-list[{i}][{j}]").Text)]);
        }

        return result;
    }

    public static IReadOnlyList<string> Flatten(string? announce, IReadOnlyList<IReadOnlyList<string>> announceList) =>
        [.. new[] { announce ?? "" }.Concat(announceList.SelectMany(tier => tier)).Where(url => url.Length > 0).Distinct(StringComparer.Ordinal)];

    public static IReadOnlyList<string> ReadWebSeeds(BDictionary root)
    {
        if (!root.TryGetValue("url-list", out var value))
        {
            return [];
        }

        return value switch
        {
            BString url => url.Bytes.IsEmpty ? [] : [url.Text],
            BList urls => [.. urls.Select((url, i) => TorrentFields.Item<BString>(url, $"url-list[{i}]").Text).Where(url => url.Length > 0)],
            _ => throw TorrentFields.Invalid("'url-list' must be a string or a list of strings", value),
        };
    }
}
