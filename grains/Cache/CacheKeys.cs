using System.Globalization;
using Microsoft.Extensions.Options;
using MockExams.Catalog;
using MockExams.Exams;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

/// <summary>
/// Every Redis key MockExams uses, in one place: the key layout is part of the schema.
/// <code>
/// {prefix}exam:{id}                          the exam body          written only by the exam's grain
/// {prefix}exam:{id}:bookings:{all|active|cancelled}
/// {prefix}catalog:generation                 INCR by every exam write (InvalidateExamAsync)
/// {prefix}catalog:g{gen}:list:{filter}:page={n}:size={n}
/// {prefix}catalog:g{gen}:aggregates:{filter}
/// {prefix}invalidations                      pub/sub channel: the id of every invalidated exam, to every process
/// {filter} = active={true|false|*};from={yyyy-MM-dd|*};to={yyyy-MM-dd|*};type={escaped|*};location={escaped|*}
/// </code>
/// Free-text values and ids are URI-escaped (RFC 3986: everything but letters, digits and <c>-._~</c>), so no
/// value can forge a separator or the <c>*</c> of "no filter", and reach another key.
/// </summary>
public sealed class CacheKeys(IOptions<CacheOptions> options)
{
    private const string Any = "*";

    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Exam(string examId) => $"{_prefix}exam:{Escape(examId)}";

    public RedisKey ExamBookings(string examId, BookingStatusFilter status) =>
        $"{_prefix}exam:{Escape(examId)}:bookings:{StatusToken(status)}";

    /// <summary>Every key of one exam: what an invalidation deletes. Built from the enum, so a new status cannot be forgotten.</summary>
    public RedisKey[] AllOfExam(string examId) =>
        [Exam(examId), .. Enum.GetValues<BookingStatusFilter>().Select(status => ExamBookings(examId, status))];

    public RedisKey CatalogGeneration => $"{_prefix}catalog:generation";

    /// <summary>A SCAN pattern of every exam body and bookings list (what a new Redis epoch drops).</summary>
    public RedisValue AllExamBodiesPattern => $"{GlobEscape(_prefix)}exam:*";

    public RedisChannel InvalidationChannel => RedisChannel.Literal($"{_prefix}invalidations");

    public RedisKey ExamList(long generation, ExamListQuery query) =>
        $"{_prefix}catalog:g{generation.ToString(CultureInfo.InvariantCulture)}:list:{Filter(query.Filter)}"
        + $":page={query.Page.ToString(CultureInfo.InvariantCulture)}:size={query.PageSize.ToString(CultureInfo.InvariantCulture)}";

    public RedisKey ExamAggregates(long generation, ExamFilter filter) =>
        $"{_prefix}catalog:g{generation.ToString(CultureInfo.InvariantCulture)}:aggregates:{Filter(filter)}";

    public static string StatusToken(BookingStatusFilter status) => status switch
    {
        BookingStatusFilter.All => "all",
        BookingStatusFilter.Active => "active",
        BookingStatusFilter.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown booking status filter."),
    };

    private static string Filter(ExamFilter filter) =>
        $"active={(filter.IsActive is { } active ? (active ? "true" : "false") : Any)}"
        + $";from={Date(filter.StartDate)};to={Date(filter.EndDate)}"
        + $";type={Text(filter.MockType)};location={Text(filter.Location)}";

    private static string Date(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Any;

    private static string Text(string? value) => value is null ? Any : Escape(value);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string GlobEscape(string value) =>
        string.Concat(value.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));
}
