using System.Buffers.Text;
using System.Text;

namespace MockExams.Sandbox.Objects;

/// <summary>List cursors: opaque to clients (base64url of the next record's id), as HubSpot's spec describes them.</summary>
public static class PagingCursor
{
    public static string Encode(long nextId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextId.ToString()));

    public static bool TryDecode(string cursor, out long nextId)
    {
        nextId = 0;
        try
        {
            return long.TryParse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)), out nextId);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The request's own URL with after replaced: HubSpot's paging.next.link.</summary>
    public static string Link(HttpRequest request, string after)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        query["after"] = after;
        var queryString = string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{queryString}";
    }
}
