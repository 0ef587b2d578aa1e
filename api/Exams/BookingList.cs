using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace MockExams.Api.Exams;

/// <summary>
/// The bookings of a cached <c>{"success": true, "bookings": [...]}</c> body, as byte ranges of its rows, so a page
/// or one booking is cut from the cached bytes without re-serializing them. Pages already cut are kept (a few), so
/// repeated reads of the same page of the same copy cost no copying.
/// </summary>
public sealed class BookingList
{
    private const int KeptPages = 8;

    private readonly byte[] _utf8;
    private readonly Row[] _rows;
    private readonly ConcurrentDictionary<(int Page, int Size), byte[]> _pages = new();

    private BookingList(byte[] utf8, Row[] rows)
    {
        _utf8 = utf8;
        _rows = rows;
    }

    public int Count => _rows.Length;

    /// <summary>One page as <c>{"success": true, "bookings": [...], "page", "page_size", "total", "total_pages"}</c>.</summary>
    public byte[] Page(int page, int pageSize)
    {
        if (_pages.TryGetValue((page, pageSize), out var kept))
        {
            return kept;
        }

        var first = (page - 1L) * pageSize;
        var rows = first >= _rows.Length ? [] : _rows.AsSpan((int)first, (int)Math.Min(pageSize, _rows.Length - first));
        var totalPages = (_rows.Length + pageSize - 1L) / pageSize;
        var buffer = new ArrayBufferWriter<byte>(64 + rows.Length * 2 + (rows.IsEmpty ? 0 : rows[^1].End - rows[0].Start));
        Write(buffer, "{\"success\":true,\"bookings\":["u8);
        for (var i = 0; i < rows.Length; i++)
        {
            if (i > 0)
            {
                Write(buffer, ","u8);
            }

            Write(buffer, _utf8.AsSpan(rows[i].Start, rows[i].End - rows[i].Start));
        }

        Write(buffer, Encoding.UTF8.GetBytes($"],\"page\":{page},\"page_size\":{pageSize},\"total\":{_rows.Length},\"total_pages\":{totalPages}}}"));
        var bytes = buffer.WrittenSpan.ToArray();
        if (_pages.Count < KeptPages)
        {
            _pages.TryAdd((page, pageSize), bytes);
        }

        return bytes;
    }

    /// <summary>
    /// <c>{"success": true, "booking": {...}}</c> for the row whose <c>booking_id</c> or <c>hubspot_id</c> is
    /// <paramref name="id"/> and (when given) whose <c>contact_id</c> is <paramref name="contactId"/>; null when none is.
    /// </summary>
    public byte[]? One(string id, string? contactId = null)
    {
        foreach (var row in _rows)
        {
            if ((row.BookingId == id || row.HubSpotId == id) && (contactId is null || row.ContactId == contactId))
            {
                return [.. "{\"success\":true,\"booking\":"u8, .. _utf8.AsSpan(row.Start, row.End - row.Start), .. "}"u8];
            }
        }

        return null;
    }

    /// <summary>The rows of one contact, as a <c>bookings</c> body (a student's own bookings of this exam).</summary>
    public IEnumerable<ReadOnlyMemory<byte>> RowsOf(string contactId) =>
        _rows.Where(r => r.ContactId == contactId).Select(r => new ReadOnlyMemory<byte>(_utf8, r.Start, r.End - r.Start));

    public static BookingList Parse(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        List<Row> rows = [];
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A bookings body is a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("bookings"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("\"bookings\" is an array.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                rows.Add(ReadRow(ref reader));
            }
        }

        return new BookingList(utf8, [.. rows]);
    }

    private static Row ReadRow(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        string? hubSpotId = null, bookingId = null, contactId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("hubspot_id"u8) ? 1 : reader.ValueTextEquals("booking_id"u8) ? 2 : reader.ValueTextEquals("contact_id"u8) ? 3 : 0;
            reader.Read();
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            hubSpotId = name == 1 ? value : hubSpotId;
            bookingId = name == 2 ? value : bookingId;
            contactId = name == 3 ? value : contactId;
        }

        return new Row(start, (int)reader.BytesConsumed, hubSpotId, bookingId, contactId);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    private readonly record struct Row(int Start, int End, string? HubSpotId, string? BookingId, string? ContactId);
}
