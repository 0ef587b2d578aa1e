using System.Globalization;
using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Admin;

/// <summary>
/// Realistic data "already in HubSpot": exams in Canadian cities, past and future, with bookings by
/// students (contacts) who may book several exams. Each exam's total_bookings equals its active
/// bookings, and its capacity is at least its bookings. Seeded records send no webhooks and are
/// searchable at once.
/// </summary>
public sealed class SandboxSeeder(CrmStore store, TimeProvider time)
{
    private static readonly string[] Cities = ["Toronto", "Vancouver", "Montréal", "Calgary", "Ottawa", "Edmonton", "Winnipeg", "Halifax", "Québec City", "Saskatoon"];
    private static readonly string[] MockTypes = ["Situational Judgment", "Clinical Skills", "Mini-mock", "Mock Discussion"];
    private static readonly string[] FirstNames = ["Liam", "Olivia", "Noah", "Emma", "William", "Charlotte", "Félix", "Léa", "Jacob", "Chloé", "Ethan", "Zoé", "Aiden", "Maya", "Arjun", "Priya", "Wei", "Mei", "Mohammed", "Fatima", "Gabriel", "Émilie", "Thomas", "Sophie"];
    private static readonly string[] LastNames = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Smith", "Brown", "Wilson", "MacDonald", "Campbell", "Singh", "Patel", "Chen", "Wong", "Nguyen", "Martin", "Leblanc", "Pelletier", "Thompson", "Anderson"];
    private static readonly (string Start, string End)[] Sessions = [("08:00", "11:00"), ("09:00", "12:00"), ("13:00", "16:00"), ("18:00", "21:00")];
    private const int ChunkSize = 500;

    public SeedResult Seed(SeedRequest request)
    {
        var random = request.RandomSeed is { } seed ? new Random(seed) : new Random();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var contacts = CreateContacts(random, Math.Max(1, request.BookingsPerExam * 2));

        var exams = new List<CrmRecord>();
        var totalBookings = 0;
        var totalActive = 0;
        for (var e = 0; e < request.Exams; e++)
        {
            var city = Cities[random.Next(Cities.Length)];
            var type = MockTypes[random.Next(MockTypes.Length)];
            var date = today.AddDays(random.Next(-60, 121));
            var session = Sessions[random.Next(Sessions.Length)];
            var capacity = Math.Max(request.BookingsPerExam, random.Next(8, 41));
            var exam = Create(store.Types.MockExams, [new Dictionary<string, string?>
            {
                ["mock_exam_name"] = $"{type} - {city} - {date.ToString("MMM d yyyy", CultureInfo.InvariantCulture)}",
                ["mock_type"] = type,
                ["exam_date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["start_time"] = session.Start,
                ["end_time"] = session.End,
                ["location"] = city,
                ["capacity"] = capacity.ToString(CultureInfo.InvariantCulture),
                ["total_bookings"] = "0",
                ["is_active"] = random.NextDouble() < 0.9 ? "true" : "false",
            }])[0];

            var active = CreateBookings(random, exam, date < today, contacts, request.BookingsPerExam);
            store.Update(store.Types.MockExams,
                [new WriteRequest(new Dictionary<string, string?> { ["total_bookings"] = active.ToString(CultureInfo.InvariantCulture) }, exam.Id.ToString())],
                ChangeSource.Seed);
            exams.Add(exam);
            totalBookings += request.BookingsPerExam;
            totalActive += active;
        }

        return new SeedResult(exams.Select(e => e.Id.ToString()).ToList(), contacts.Count, totalBookings, totalActive);
    }

    private List<CrmRecord> CreateContacts(Random random, int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var inputs = Enumerable.Range(0, count).Select(i =>
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            return (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
            {
                ["email"] = $"{Ascii(first)}.{Ascii(last)}.{tag}{i}@example.ca".ToLowerInvariant(),
                ["firstname"] = first,
                ["lastname"] = last,
            };
        }).ToList();
        return Create(store.Types.Contacts, inputs);
    }

    /// <summary>Creates the exam's bookings from distinct students; returns how many are active.</summary>
    private int CreateBookings(Random random, CrmRecord exam, bool past, List<CrmRecord> contacts, int count)
    {
        var students = contacts.OrderBy(_ => random.Next()).Take(count).ToList();
        while (students.Count < count)
        {
            students.Add(contacts[random.Next(contacts.Count)]);
        }

        var bookings = store.AssociationTypes.Between(store.Types.Bookings.ObjectTypeId, store.Types.MockExams.ObjectTypeId)[0];
        var toContact = store.AssociationTypes.Between(store.Types.Bookings.ObjectTypeId, store.Types.Contacts.ObjectTypeId)[0];
        var active = 0;
        var inputs = new List<WriteRequest>();
        for (var i = 0; i < count; i++)
        {
            var student = students[i];
            var isActive = random.NextDouble() >= 0.1;
            active += isActive ? 1 : 0;
            inputs.Add(new WriteRequest(
                new Dictionary<string, string?>
                {
                    ["booking_id"] = $"SEED-{exam.Id}-{i + 1:D4}",
                    ["mock_exam_id"] = exam.Id.ToString(),
                    ["contact_id"] = student.Id.ToString(),
                    ["student_id"] = $"S{100000 + (student.Id % 900000)}",
                    ["student_name"] = $"{student.Get("firstname")} {student.Get("lastname")}",
                    ["student_email"] = student.Get("email"),
                    ["booking_status"] = isActive ? "Booked" : "Cancelled",
                    ["is_active"] = isActive ? "true" : "false",
                    ["attendance"] = past && isActive ? (random.NextDouble() < 0.85 ? "Yes" : "No") : null,
                    ["attending_location"] = exam.Get("location"),
                    ["exam_date"] = exam.Get("exam_date"),
                    ["dominant_hand"] = random.NextDouble() < 0.1 ? "left" : "right",
                },
                Associations:
                [
                    new AssociationRequest(exam.Id, bookings.Category, bookings.TypeId),
                    new AssociationRequest(student.Id, toContact.Category, toContact.TypeId),
                ]));
        }

        foreach (var chunk in inputs.Chunk(ChunkSize))
        {
            Require(store.Create(store.Types.Bookings, chunk, ChangeSource.Seed));
        }

        return active;
    }

    private List<CrmRecord> Create(ObjectTypeDefinition type, IReadOnlyList<IReadOnlyDictionary<string, string?>> properties) =>
        properties.Chunk(ChunkSize)
            .SelectMany(chunk => Require(store.Create(type, chunk.Select(p => new WriteRequest(p)).ToList(), ChangeSource.Seed)))
            .ToList();

    private static IEnumerable<CrmRecord> Require(BatchWriteOutcome outcome) =>
        outcome.Rejected is { } rejected
            ? throw new InvalidOperationException($"Seeding failed: {rejected.Message}")   // a bug in the seeder, not an expected outcome
            : outcome.Results.Select(r => r.Record!);

    private static string Ascii(string name) =>
        new(name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray());
}
