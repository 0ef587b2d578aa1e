namespace MockExams.Grains.HubSpot;

/// <summary>
/// The governor's Lua scripts. Redis runs each atomically, so processes sharing a token never
/// both take the last token. Time comes from Redis (<c>TIME</c>), not from the callers' clocks.
/// </summary>
internal static class HubSpotBudgetScripts
{
    /// <summary>
    /// KEYS: bucket hash, daily counter, epoch marker. ARGV: capacity, tokens per ms, lane reserve, daily limit,
    /// daily counter ttl (s), idle bucket ttl (ms), the epoch this caller last saw ("" if none), this caller's id (a new epoch is
    /// named by it and Redis's clock, so it never equals one that was lost).
    /// Returns {granted (1/0), wait ms, reason (0 refill, 1 paused, 2 daily limit), current epoch}.
    /// The epoch marker never expires, so its absence means Redis lost its data (a restart without persistence,
    /// FLUSHALL, a failover to a stale replica): a caller that saw another epoch then empties the bucket, because
    /// what HubSpot counted in its current window is unknown and a full bucket on top of it could exceed the limit.
    /// </summary>
    public const string Acquire = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local need = 1 + tonumber(ARGV[3])
        local epoch = redis.call('GET', KEYS[3])
        if not epoch then
          epoch = ARGV[8] .. '-' .. now
          redis.call('SET', KEYS[3], epoch)
        end
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'paused_until')
        local tokens = tonumber(state[1])
        local ts = tonumber(state[2])
        local paused = tonumber(state[3]) or 0
        if paused > now then
          return {0, paused - now, 1, epoch}
        end
        if tokens == nil or ts == nil then
          tokens = capacity
          ts = now
        end
        if now > ts then
          tokens = math.min(capacity, tokens + (now - ts) * rate)
          ts = now
        end
        if ARGV[7] ~= '' and ARGV[7] ~= epoch then
          tokens = math.min(tokens, 0)
        end
        local used = tonumber(redis.call('GET', KEYS[2]) or '0')
        if used >= tonumber(ARGV[4]) then
          return {0, -1, 2, epoch}
        end
        if tokens >= need then
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'ts', ts)
          redis.call('PEXPIRE', KEYS[1], ARGV[6])
          redis.call('INCR', KEYS[2])
          redis.call('EXPIRE', KEYS[2], ARGV[5])
          return {1, 0, 0, epoch}
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', ts)
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        return {0, math.ceil((need - tokens) / rate), 0, epoch}
        """;

    /// <summary>
    /// KEYS: bucket hash, daily counter. ARGV: capacity, tokens per ms, calls to charge the bucket, idle bucket ttl
    /// (ms), daily counter ttl (s), calls to charge the daily counter. Charges the bucket (it may go below zero, then
    /// refills from there) and the daily counter for calls granted without them while Redis was unreachable.
    /// </summary>
    public const string Charge = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local capacity = tonumber(ARGV[1])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
        local tokens = tonumber(state[1]) or capacity
        local ts = tonumber(state[2]) or now
        if now > ts then
          tokens = math.min(capacity, tokens + (now - ts) * tonumber(ARGV[2]))
          ts = now
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - tonumber(ARGV[3])), 'ts', ts)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('INCRBY', KEYS[2], ARGV[6])
        redis.call('EXPIRE', KEYS[2], ARGV[5])
        return 1
        """;

    /// <summary>
    /// KEYS: bucket hashes to pause. ARGV: pause ms, idle bucket ttl (ms). Empties each bucket and
    /// stops its refill until the pause ends; a shorter pause never shortens a longer one.
    /// Returns the pause in ms from now.
    /// </summary>
    public const string Pause = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local untilMs = now + tonumber(ARGV[1])
        local longest = 0
        for i, key in ipairs(KEYS) do
          local current = tonumber(redis.call('HGET', key, 'paused_until')) or 0
          if untilMs > current then
            redis.call('HSET', key, 'paused_until', untilMs, 'tokens', '0', 'ts', untilMs)
            current = untilMs
          end
          redis.call('PEXPIRE', key, math.max(tonumber(ARGV[2]), current - now + 1000))
          longest = math.max(longest, current - now)
        end
        return longest
        """;

    /// <summary>
    /// KEYS: 10-second bucket, search bucket, daily counter. ARGV: capacity, rate/ms, search capacity, search rate/ms.
    /// Returns {tokens×1000, search tokens×1000, daily used, paused ms, search paused ms}.
    /// </summary>
    public const string Snapshot = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local function level(key, capacity, rate)
          local s = redis.call('HMGET', key, 'tokens', 'ts', 'paused_until')
          local paused = math.max(0, (tonumber(s[3]) or 0) - now)
          local tokens = tonumber(s[1])
          local ts = tonumber(s[2])
          if tokens == nil or ts == nil then
            return capacity, paused
          end
          if now > ts then
            tokens = math.min(capacity, tokens + (now - ts) * rate)
          end
          return tokens, paused
        end
        local tokens, paused = level(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
        local stokens, spaused = level(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
        local used = tonumber(redis.call('GET', KEYS[3]) or '0')
        return {math.floor(tokens * 1000), math.floor(stokens * 1000), used, paused, spaused}
        """;
}
