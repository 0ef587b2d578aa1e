using System.Runtime.CompilerServices;
using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

public sealed partial class HubSpotClient
{
    private const int MaxCreateAttempts = 4;

    /// <summary>
    /// Creates bookings, 100 per batch/create, each associated inline with its exam and contact.
    /// Each input carries its <c>booking_id</c> as <c>objectWriteTraceId</c>, so one bad input fails
    /// alone. Safe to call again with the same bookings: a booking whose <c>booking_id</c> already
    /// exists is returned as <see cref="CreateStatus.AlreadyExisted"/>, never created twice.
    /// After a timeout or 5xx (outcome unknown) the bookings are looked up by <c>booking_id</c>
    /// first and only the missing ones are sent again. Results are in input order.
    /// Throws <see cref="HubSpotTransientException"/> when HubSpot stays unreachable or the budget
    /// refuses a call after a create may have landed (some bookings may then exist: call again, or
    /// <see cref="FindBookingsByBookingIdAsync"/>); <see cref="HubSpotOverBudgetException"/> only when
    /// nothing of this call can have reached HubSpot.
    /// </summary>
    public Task<IReadOnlyList<BookingCreateResult>> CreateBookingsAsync(
        IReadOnlyList<NewBooking> bookings, HubSpotLane lane, CancellationToken cancellationToken = default) =>
        CreateBookingsAsync(bookings, lane, null, cancellationToken);

    /// <summary>
    /// <see cref="CreateBookingsAsync(IReadOnlyList{NewBooking}, HubSpotLane, CancellationToken)"/>, its first call paid
    /// by <paramref name="reservation"/> (in the reservation's lane).
    /// </summary>
    public Task<IReadOnlyList<BookingCreateResult>> CreateBookingsAsync(
        IReadOnlyList<NewBooking> bookings, HubSpotBudgetReservation reservation, CancellationToken cancellationToken = default) =>
        CreateBookingsAsync(bookings, reservation.Lane, reservation, cancellationToken);

    /// <summary>Takes budget for one call of the lane now (waiting as long as the lane may), to pay a later call.</summary>
    public Task<HubSpotBudgetReservation> ReserveAsync(HubSpotLane lane, CancellationToken cancellationToken = default) =>
        _transport.ReserveAsync(lane, cancellationToken);

    private async Task<IReadOnlyList<BookingCreateResult>> CreateBookingsAsync(
        IReadOnlyList<NewBooking> bookings, HubSpotLane lane, HubSpotBudgetReservation? reservation, CancellationToken cancellationToken)
    {
        var results = await CreateAsync(BookingCreates, bookings, lane, reservation, cancellationToken);
        return [.. bookings.Select(b => results[b.BookingId]).Select((r, i) =>
            new BookingCreateResult(bookings[i].BookingId, r.Status, r.Record is null ? null : BookingMapping.FromObject(r.Record), r.Error))];
    }

    /// <summary>Reads bookings by our unique <c>booking_id</c> (batch read with idProperty); unknown ids are left out.</summary>
    public async Task<IReadOnlyList<HubSpotBooking>> FindBookingsByBookingIdAsync(
        IReadOnlyCollection<string> bookingIds, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = await BatchReadAsync(
            _options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, bookingIds, BookingProperties.BookingId, lane, cancellationToken);
        return [.. found.Select(BookingMapping.FromObject)];
    }

    /// <summary>Reads bookings by HubSpot record id, 100 per call; unknown ids are left out.</summary>
    public async Task<IReadOnlyList<HubSpotBooking>> GetBookingsAsync(
        IReadOnlyCollection<string> ids, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = await BatchReadAsync(_options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, ids, null, lane, cancellationToken);
        return [.. found.Select(BookingMapping.FromObject)];
    }

    /// <summary>
    /// Changes bookings (cancel, attendance), 100 per batch/update; one refused input does not sink
    /// the others. Repeatable: setting the same values twice changes nothing. Results in input order; an input HubSpot
    /// answered with neither a result nor an error is <see cref="BookingUpdateResult.Unknown"/>.
    /// </summary>
    public Task<IReadOnlyList<BookingUpdateResult>> UpdateBookingsAsync(
        IReadOnlyList<BookingChanges> changes, HubSpotLane lane, CancellationToken cancellationToken = default) =>
        UpdateBookingsAsync(changes, lane, null, cancellationToken);

    /// <summary>
    /// <see cref="UpdateBookingsAsync(IReadOnlyList{BookingChanges}, HubSpotLane, CancellationToken)"/>, its first call
    /// paid by <paramref name="reservation"/> (in the reservation's lane).
    /// </summary>
    public Task<IReadOnlyList<BookingUpdateResult>> UpdateBookingsAsync(
        IReadOnlyList<BookingChanges> changes, HubSpotBudgetReservation reservation, CancellationToken cancellationToken = default) =>
        UpdateBookingsAsync(changes, reservation.Lane, reservation, cancellationToken);

    private async Task<IReadOnlyList<BookingUpdateResult>> UpdateBookingsAsync(
        IReadOnlyList<BookingChanges> changes, HubSpotLane lane, HubSpotBudgetReservation? reservation, CancellationToken cancellationToken)
    {
        List<BookingUpdateResult> results = [];
        foreach (var chunk in changes.Chunk(BatchSize))
        {
            var inputs = chunk.Select(c => new UpdateInput(c.Id, BookingMapping.ToProperties(c), c.Id)).ToList();
            if (inputs.FirstOrDefault(i => i.Properties.Count == 0) is { } empty)
            {
                throw new ArgumentException($"The update of booking {empty.Id} changes nothing.", nameof(changes));
            }
            var body = Serialize(new BatchInputs<UpdateInput>(inputs), HubSpotJsonContext.Default.BatchInputsUpdateInput);
            var attempts = new HubSpotAttempts();
            var answer = Required(await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, _paths.Batch(_options.BookingObjectType, "update"), body, lane, HubSpotCallKind.Standard, Retryable: true, BookingMapping.ObjectName, Reservation: reservation, Attempts: attempts),
                HubSpotJsonContext.Default.BatchResponse, cancellationToken), "batch update");
            var updated = (answer.Results ?? []).ToDictionary(o => o.Id, StringComparer.Ordinal);
            // After an attempt that went unanswered (and may still land), a refusal of this one says nothing: unknown.
            var failed = attempts.EarlierAttemptUnanswered ? new Dictionary<string, HubSpotInputError>() : ErrorsByInput(answer);
            results.AddRange(chunk.Select(c => updated.TryGetValue(c.Id, out var o)
                ? new BookingUpdateResult(c.Id, BookingMapping.FromObject(o), null)
                : new BookingUpdateResult(c.Id, null, failed.GetValueOrDefault(c.Id))));
        }
        return results;
    }

    /// <summary>Archives bookings by HubSpot id, 100 per batch/archive (repeatable).</summary>
    public async Task ArchiveBookingsAsync(IReadOnlyCollection<string> ids, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            var body = Serialize(new BatchInputs<ObjectRef>([.. chunk.Select(id => new ObjectRef(id))]), HubSpotJsonContext.Default.BatchInputsObjectRef);
            await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, _paths.Batch(_options.BookingObjectType, "archive"), body, lane, HubSpotCallKind.Standard, Retryable: true, BookingMapping.ObjectName),
                cancellationToken);
        }
    }

    /// <summary>Every booking, 100 per call; with <paramref name="archived"/>, only the archived ones.</summary>
    public async IAsyncEnumerable<HubSpotBooking> ListBookingsAsync(
        HubSpotLane lane, bool archived = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var o in ListAsync(_options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, archived, lane, cancellationToken))
        {
            yield return BookingMapping.FromObject(o);
        }
    }

    /// <summary>
    /// The bookings associated with an exam: the exam's associations (associations v4 batch read,
    /// strongly consistent, unlike search), then the bookings 100 per batch read.
    /// </summary>
    public async Task<IReadOnlyList<HubSpotBooking>> GetBookingsForExamAsync(
        string examId, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var ids = await AssociatedIdsAsync(_options.ExamObjectType, examId, _options.BookingObjectType, lane, cancellationToken);
        return ids.Count == 0 ? [] : await GetBookingsAsync(ids, lane, cancellationToken);
    }

    /// <summary>Bookings modified at or after <paramref name="since"/>, oldest change first (search budget).</summary>
    public async IAsyncEnumerable<HubSpotBooking> SearchBookingsModifiedSinceAsync(
        DateTimeOffset since, HubSpotLane lane, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var o in SearchModifiedSinceAsync(_options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, since, lane, cancellationToken))
        {
            yield return BookingMapping.FromObject(o);
        }
    }

    private CreateInput ToCreateInput(NewBooking booking) => new(
        BookingMapping.ToProperties(booking),
        [
            Association(booking.MockExamId, _options.BookingToExamAssociationTypeId),
            Association(booking.ContactId, _options.BookingToContactAssociationTypeId),
        ],
        booking.BookingId);

    private AssociationInput Association(string toId, int typeId) =>
        new(new ObjectRef(toId), [new AssociationTypeSpec(_options.AssociationCategory, typeId)]);
}
