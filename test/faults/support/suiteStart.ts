import { DateTime } from 'luxon';

/**
 * Every fault test runs at the same instant: Tuesday 2026-12-01 08:30 in New York. Time then moves
 * at real speed, except that a sleep (a retry backoff, search pacing) jumps the clock forward at
 * once instead of waiting, and is recorded (FaultSuite's TestClock). The node and the sandbox both
 * read that one clock, so the sandbox's rate windows and token expiry see the same jumps the node made.
 */
export const SUITE_START = DateTime.fromISO('2026-12-01T08:30:00', { zone: 'America/New_York' });
