using Microsoft.Extensions.Logging;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

/// <summary>
/// Compares every HubSpot record (id and last-modified time) with the replica and reports missing, extra, stale and
/// archived-but-live rows; with repair, applies the fixes through the exam grains.
/// </summary>
/// <remarks>
/// HubSpot's side is swept through search by id, highest first, 200 per call: the search budget, not the 10-second
/// one users need. Search lags writes by seconds and never shows archived records, so every replica row the sweep
/// did not see is checked again with a batch read (strongly consistent), then with an archived batch read: a row found
/// there was archived (a soft delete is due); a row found nowhere is extra (deleted for good, or never in HubSpot).
/// </remarks>
public sealed partial class Reconciler(
    HubSpotClient hubSpot, SyncReader reader, RemoteChangeApplier applier, ILogger<Reconciler> logger)
{
    /// <summary>At most this many ids per kind are kept in a run's details.</summary>
    public const int DetailLimit = 200;

    public async Task<ReconcileFindings> ReconcileExamsAsync(bool repair, CancellationToken cancellationToken)
    {
        var findings = new ReconcileFindings(SyncObjectTypes.Exams);
        var inHubSpot = new Dictionary<string, HubSpotExam>(StringComparer.Ordinal);
        long? below = null;
        while (true)
        {
            var page = await hubSpot.SearchExamsByIdDescendingAsync(below, null, HubSpotLane.Sync, cancellationToken);
            foreach (var exam in page.Items)
            {
                inHubSpot[exam.Id] = exam;
            }
            if (page.Items.Count < HubSpotClient.SearchPageLimit)
            {
                break;
            }
            below = page.Items.Min(e => long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture));
        }

        var replica = await reader.AllVersionsAsync(SyncObjectTypes.Exams, cancellationToken);
        Compare(findings, inHubSpot.Values.Select(e => (e.Id, e.LastModified)), replica,
            id => findings.ExamRepairs.Add(inHubSpot[id].ToRecord()));

        var unseen = replica.Where(r => !r.Value.Deleted && !inHubSpot.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        if (unseen.Count > 0)
        {
            var live = (await hubSpot.GetExamsAsync(unseen, HubSpotLane.Sync, cancellationToken)).ToDictionary(e => e.Id, StringComparer.Ordinal);
            Compare(findings, live.Values.Select(e => (e.Id, e.LastModified)), replica, id => findings.ExamRepairs.Add(live[id].ToRecord()),
                countChecked: false);
            var gone = unseen.Where(id => !live.ContainsKey(id)).ToList();
            var archived = gone.Count == 0
                ? []
                : (await hubSpot.GetArchivedExamsAsync(gone, HubSpotLane.Sync, cancellationToken)).ToDictionary(e => e.Id, e => e.LastModified, StringComparer.Ordinal);
            foreach (var row in await reader.ExamsAsync(gone, cancellationToken))
            {
                (archived.ContainsKey(row.HubSpotId) ? findings.ArchivedButLive : findings.Extra).Add(row.HubSpotId);
                findings.ExamRepairs.Add(row.Tombstone(archived.TryGetValue(row.HubSpotId, out var at) ? at : null));
            }
        }

        await RepairAsync(findings, repair, cancellationToken);
        return findings;
    }

    public async Task<ReconcileFindings> ReconcileBookingsAsync(bool repair, CancellationToken cancellationToken)
    {
        var findings = new ReconcileFindings(SyncObjectTypes.Bookings);
        var inHubSpot = new Dictionary<string, HubSpotBooking>(StringComparer.Ordinal);
        long? below = null;
        while (true)
        {
            var page = await hubSpot.SearchBookingsByIdDescendingAsync(below, null, HubSpotLane.Sync, cancellationToken);
            foreach (var booking in page.Items)
            {
                inHubSpot[booking.Id] = booking;
            }
            if (page.Items.Count < HubSpotClient.SearchPageLimit)
            {
                break;
            }
            below = page.Items.Min(b => long.Parse(b.Id, System.Globalization.CultureInfo.InvariantCulture));
        }

        var replica = await reader.AllVersionsAsync(SyncObjectTypes.Bookings, cancellationToken);
        Compare(findings, inHubSpot.Values.Select(b => (b.Id, b.LastModified)), replica,
            id => findings.BookingRepairs.Add(inHubSpot[id].ToRecord("")));

        var unseen = replica.Where(r => !r.Value.Deleted && !inHubSpot.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        if (unseen.Count > 0)
        {
            var live = (await hubSpot.GetBookingsAsync(unseen, HubSpotLane.Sync, cancellationToken)).ToDictionary(b => b.Id, StringComparer.Ordinal);
            Compare(findings, live.Values.Select(b => (b.Id, b.LastModified)), replica, id => findings.BookingRepairs.Add(live[id].ToRecord("")),
                countChecked: false);
            var gone = unseen.Where(id => !live.ContainsKey(id)).ToList();
            var archived = gone.Count == 0
                ? []
                : (await hubSpot.GetArchivedBookingsAsync(gone, HubSpotLane.Sync, cancellationToken)).ToDictionary(b => b.Id, b => b.LastModified, StringComparer.Ordinal);
            foreach (var row in await reader.BookingsAsync(gone, cancellationToken))
            {
                (archived.ContainsKey(row.HubSpotId) ? findings.ArchivedButLive : findings.Extra).Add(row.HubSpotId);
                findings.BookingRepairs.Add(row.Tombstone(archived.TryGetValue(row.HubSpotId, out var at) ? at : null));
            }
        }

        await RepairAsync(findings, repair, cancellationToken);
        return findings;
    }

    // Live in HubSpot: absent or soft-deleted in the replica is missing; an older replica version is stale.
    private static void Compare(
        ReconcileFindings findings, IEnumerable<(string Id, DateTimeOffset Modified)> live, Dictionary<string, ReplicaVersion> replica,
        Action<string> repairWith, bool countChecked = true)
    {
        foreach (var (id, modified) in live)
        {
            if (countChecked)
            {
                findings.Checked++;
            }
            if (!replica.TryGetValue(id, out var held) || held.Deleted)
            {
                findings.Missing.Add(id);
                repairWith(id);
            }
            else if (held.LastModified is not { } at || at < modified)
            {
                findings.Stale.Add(id);
                repairWith(id);
            }
        }
    }

    private async Task RepairAsync(ReconcileFindings findings, bool repair, CancellationToken cancellationToken)
    {
        var counts = findings.Counts;
        LogFound(logger, findings.ObjectType, counts.Checked, counts.Missing, counts.Extra, counts.Stale, counts.ArchivedButLive);
        if (!repair || counts.Total == 0)
        {
            return;
        }

        var result = await applier.ApplyAsync(findings.ExamRepairs, findings.BookingRepairs, cancellationToken);
        findings.Repaired = findings.ObjectType == SyncObjectTypes.Exams ? findings.ExamRepairs.Count : result.Bookings;
        LogRepaired(logger, findings.ObjectType, findings.Repaired);
    }
}
