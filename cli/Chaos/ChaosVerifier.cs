namespace MockExams.Cli.Chaos;

/// <summary>
/// The invariants of a chaos run, checked against HubSpot's truth (the sandbox's dump), the replica and the answers
/// the clients got. Pure: the inputs are read by <see cref="ChaosRunner"/>.
/// </summary>
public static class ChaosVerifier
{
    public static (List<ChaosCheck> Checks, List<string> Violations) Verify(
        IReadOnlyCollection<ChaosCall> calls, ChaosTruth hubSpot, IReadOnlySet<string> staffCancelled)
    {
        List<ChaosCheck> checks = [];
        List<string> violations = [];
        void Check(string name, int checkedCount, IEnumerable<string> found)
        {
            var list = found.Take(50).ToList();
            checks.Add(new ChaosCheck(name, checkedCount, list.Count));
            violations.AddRange(list.Select(v => $"{name}: {v}"));
        }

        var active = hubSpot.Bookings.Where(b => b.Active).ToList();
        Check("no exam over capacity", hubSpot.Exams.Count, hubSpot.Exams.Values
            .Select(e => (Exam: e, Active: active.Count(b => b.ExamId == e.Id)))
            .Where(x => x.Active > x.Exam.Capacity)
            .Select(x => $"exam {x.Exam.Id} has {x.Active} active bookings for {x.Exam.Capacity} seats"));

        Check("no duplicate booking", hubSpot.Bookings.Count, active
            .GroupBy(b => (b.ExamId, b.ContactId)).Where(g => g.Count() > 1)
            .Select(g => $"contact {g.Key.ContactId} holds {g.Count()} active bookings of exam {g.Key.ExamId}")
            .Concat(hubSpot.Bookings.Where(b => b.BookingId is not null).GroupBy(b => b.BookingId).Where(g => g.Count() > 1)
                .Select(g => $"booking_id {g.Key} is on {g.Count()} HubSpot records")));

        var byBookingId = hubSpot.Bookings.Where(b => b.BookingId is not null).ToLookup(b => b.BookingId!);
        var created = calls.Where(c => c.Kind == "book" && c.Status == 201).ToList();
        Check("every 201 exists in HubSpot", created.Count, created
            .Where(c => !byBookingId.Contains(c.BookingId!))
            .Select(c => $"booking {c.BookingId} (exam {c.ExamId}, contact {c.ContactId}) was answered 201 but is not in HubSpot"));

        // A pair (exam, student) whose every request was refused (4xx) must hold no booking made through the api.
        var refusedPairs = calls.Where(c => c.Kind == "book").GroupBy(c => (c.ExamId, c.ContactId))
            .Where(g => g.All(c => c.Status is >= 400 and < 500))
            .Select(g => g.Key).ToList();
        var heldPairs = hubSpot.Bookings.Where(b => !staffCancelled.Contains(b.HubSpotId))
            .Select(b => (b.ExamId, b.ContactId)).ToHashSet();
        Check("no 4xx-answered booking exists", refusedPairs.Count, refusedPairs
            .Where(heldPairs.Contains)
            .Select(p => $"contact {p.ContactId} was refused on exam {p.ExamId} (4xx) but HubSpot holds its booking"));

        Check("no 500", calls.Count, calls.Where(c => c.Status == 500)
            .Select(c => $"{c.Method} {c.Kind} (exam {c.ExamId}, booking {c.BookingId}) answered 500"));
        Check("no 5xx without Retry-After", calls.Count, calls.Where(c => c.Status is > 500 and < 600 && !c.HasRetryAfter)
            .Select(c => $"{c.Method} {c.Kind} (exam {c.ExamId}) answered {c.Status} without Retry-After"));
        Check("no 429 to a client", calls.Count, calls.Where(c => c.Status == 429)
            .Select(c => $"{c.Method} {c.Kind} (exam {c.ExamId}) answered 429"));
        Check("every request answered", calls.Count, calls.Where(c => c.Status == 0)
            .Select(c => $"{c.Method} {c.Kind} (exam {c.ExamId}) got no answer within 60 s"));
        return (checks, violations);
    }

    /// <summary>Differences between HubSpot and the replica: empty once the replica caught up.</summary>
    public static List<string> Differences(ChaosTruth hubSpot, ChaosTruth replica)
    {
        List<string> differences = [];
        foreach (var exam in hubSpot.Exams.Values)
        {
            if (!replica.Exams.TryGetValue(exam.Id, out var copy))
            {
                differences.Add($"exam {exam.Id} is missing from the replica");
                continue;
            }

            if (copy.Capacity != exam.Capacity || copy.Location != exam.Location)
            {
                differences.Add($"exam {exam.Id}: HubSpot capacity {exam.Capacity} at '{exam.Location}', replica {copy.Capacity} at '{copy.Location}'");
            }

            var activeInHubSpot = hubSpot.Bookings.Count(b => b.ExamId == exam.Id && b.Active);
            if (exam.TotalBookings != activeInHubSpot)
            {
                differences.Add($"exam {exam.Id}: HubSpot's total_bookings {exam.TotalBookings} but {activeInHubSpot} active bookings");
            }
        }

        var copies = replica.Bookings.ToDictionary(b => b.HubSpotId);
        foreach (var booking in hubSpot.Bookings)
        {
            if (!copies.TryGetValue(booking.HubSpotId, out var copy))
            {
                differences.Add($"booking {booking.HubSpotId} ({booking.BookingId}) is missing from the replica");
            }
            else if (copy.Active != booking.Active || copy.ExamId != booking.ExamId)
            {
                differences.Add($"booking {booking.HubSpotId}: HubSpot active={booking.Active} exam {booking.ExamId}, replica active={copy.Active} exam {copy.ExamId}");
            }
        }

        var known = hubSpot.Bookings.Select(b => b.HubSpotId).ToHashSet();
        differences.AddRange(replica.Bookings.Where(b => !known.Contains(b.HubSpotId))
            .Select(b => $"booking {b.HubSpotId} is in the replica but not in HubSpot"));
        return differences;
    }
}
