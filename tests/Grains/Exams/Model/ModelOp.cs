namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>One client write of a model run, on the case's exam number <see cref="Exam"/>.</summary>
public abstract record ModelOp(int Exam);

/// <summary>A booking by a new student, or (<paramref name="Again"/>) by the first student already booked on the exam.</summary>
public sealed record BookOp(int Exam, bool Again) : ModelOp(Exam)
{
    public override string ToString() => Again ? $"book(e{Exam}, same student)" : $"book(e{Exam})";
}

/// <summary>Cancels the exam's booking number <paramref name="Pick"/> (modulo the bookings answered booked so far).</summary>
public sealed record CancelOp(int Exam, int Pick) : ModelOp(Exam)
{
    public override string ToString() => $"cancel(e{Exam}, #{Pick})";
}

/// <summary>Cancels several of the exam's bookings in one call.</summary>
public sealed record BatchCancelOp(int Exam, int[] Picks) : ModelOp(Exam)
{
    public override string ToString() => $"batch-cancel(e{Exam}, #{string.Join(",#", Picks)})";
}

public sealed record CapacityOp(int Exam, int Capacity) : ModelOp(Exam)
{
    public override string ToString() => $"capacity(e{Exam}, {Capacity})";
}

public sealed record ActiveOp(int Exam, bool Active) : ModelOp(Exam)
{
    public override string ToString() => Active ? $"activate(e{Exam})" : $"deactivate(e{Exam})";
}

public sealed record ArchiveOp(int Exam) : ModelOp(Exam)
{
    public override string ToString() => $"archive(e{Exam})";
}
