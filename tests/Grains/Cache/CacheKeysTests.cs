using Microsoft.Extensions.Options;
using MockExams.Catalog;
using MockExams.Exams;
using MockExams.Grains.Cache;

namespace MockExams.Tests.Grains.Cache;

/// <summary>The key layout: one key per exam response and per normalized filter and page; no value can forge another key.</summary>
public sealed class CacheKeysTests
{
    private readonly CacheKeys _keys = new(Options.Create(new CacheOptions { KeyPrefix = "p:" }));

    [Fact]
    public void AllOfExam_IsTheBodyAndEveryBookingsVariant()
    {
        Assert.Equal(
            ["p:exam:42", "p:exam:42:bookings:all", "p:exam:42:bookings:active", "p:exam:42:bookings:cancelled"],
            _keys.AllOfExam("42").Select(key => key.ToString()));
    }

    [Fact]
    public void ExamList_SpellsOutEveryFilterAndThePage()
    {
        var query = new ExamListQuery(new ExamFilter(true, new DateOnly(2027, 1, 2), null, "Situational Judgment", "Toronto"), 3, 25);

        Assert.Equal(
            "p:catalog:g7:list:active=true;from=2027-01-02;to=*;type=Situational%20Judgment;location=Toronto:page=3:size=25",
            _keys.ExamList(7, query).ToString());
    }

    [Fact]
    public void ExamList_ValuesThatLookLikeSeparatorsOrWildcards_CannotReachAnotherKey()
    {
        var forged = new ExamFilter(null, null, null, "*", "x;type=*");
        var plain = ExamFilter.Any with { Location = "x" };

        Assert.NotEqual(_keys.ExamAggregates(1, ExamFilter.Any), _keys.ExamAggregates(1, forged));
        Assert.NotEqual(_keys.ExamAggregates(1, plain), _keys.ExamAggregates(1, forged));
        Assert.Equal("p:catalog:g1:aggregates:active=*;from=*;to=*;type=%2A;location=x%3Btype%3D%2A",
            _keys.ExamAggregates(1, forged).ToString());
    }

    [Fact]
    public void Exam_IdWithSeparators_IsEscaped()
    {
        Assert.Equal("p:exam:1%3Abookings%3Aall", _keys.Exam("1:bookings:all").ToString());
        Assert.NotEqual(_keys.ExamBookings("1", BookingStatusFilter.All), _keys.Exam("1:bookings:all"));
    }

    [Fact]
    public void ExamListAndAggregates_OfDifferentGenerations_Differ()
    {
        var query = new ExamListQuery(ExamFilter.Any, 1, 50);

        Assert.NotEqual(_keys.ExamList(1, query), _keys.ExamList(2, query));
        Assert.NotEqual(_keys.ExamAggregates(1, ExamFilter.Any), _keys.ExamAggregates(2, ExamFilter.Any));
    }
}
