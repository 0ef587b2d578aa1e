namespace MockExams.Grains.Exams;

/// <summary>
/// Everything an exam activation's cached reads depend on. A fill may store what it read, and an in-memory copy
/// may answer, only while the stamp is the one taken when the fill began: a write that started
/// (<see cref="WriteVersion"/>), an invalidation seen (<see cref="Invalidations"/>), a gap in hearing other
/// processes' invalidations (<see cref="MemoryEpoch"/>; null: none may be kept) or a cache that became suspect
/// in between voids them.
/// </summary>
internal readonly record struct ReadStamp(long WriteVersion, long Invalidations, long? MemoryEpoch, bool CacheSuspect);
