using System.Security.Cryptography;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>
/// A response body the exam grain confirmed current for this read, with the id of the grain's copy of it (null when
/// the grain keeps none). Its <see cref="ETag"/> names that copy, so a client's <c>If-None-Match</c> matches only
/// while the grain still serves the same copy; a body without a copy id is named by its content instead. What is
/// derived from the body (its bookings, in <see cref="Bookings"/>) is computed once per copy.
/// </summary>
public sealed class ConfirmedBody(JsonBody body, Guid? copyId)
{
    private BookingList? _bookings;
    private string? _contentTag;

    public JsonBody Body => body;

    public Guid? CopyId => copyId;

    /// <summary>The bookings of a bookings body, parsed once (racing readers may parse twice; both results are equal).</summary>
    public BookingList Bookings => _bookings ??= BookingList.Parse(body.Utf8);

    /// <summary>A strong entity tag for a representation derived from this body; <paramref name="variant"/> tells derived ones apart.</summary>
    public string ETag(string variant) =>
        copyId is { } id ? $"\"c{id:N}{variant}\"" : $"\"h{_contentTag ??= ContentTag(body.Utf8)}{variant}\"";

    /// <summary>A tag naming bytes by their SHA-256 (bodies without a grain copy id: the list, aggregates, uncached reads).</summary>
    public static string ContentTag(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
