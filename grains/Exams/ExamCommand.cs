using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>One user write waiting in the exam grain's queue, decided by <see cref="BookingAdmission"/>.</summary>
public abstract record ExamCommand;

public sealed record BookCommand(BookingRequest Request) : ExamCommand;

public sealed record CancelCommand(string BookingId) : ExamCommand;

/// <summary>Exam field changes, activation and deactivation included.</summary>
public sealed record UpdateExamCommand(ExamUpdate Update) : ExamCommand;

public sealed record ArchiveExamCommand : ExamCommand;
