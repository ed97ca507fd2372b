import type { Clock } from './pacing';

/**
 * Some callers cannot wait: HubSpot counts a webhook answer slower than 5 seconds as failed and sends
 * the delivery again, and a voice platform hangs up on a slow tool (Vapi waits 7.5 s for
 * assistant-request). A clock that refuses to wait past a deadline stops the transport's retry
 * back-off and pacing in time (and each attempt gets only the time left), so the caller gets a clear
 * failure while it still listens.
 */
export class DeadlineExceededError extends Error {
	constructor(
		readonly waitMs: number,
		readonly purpose: string,
	) {
		super(`Waiting another ${waitMs} ms for HubSpot would pass ${purpose}`);
		this.name = 'DeadlineExceededError';
	}
}

/** `purpose` completes "would pass …", e.g. "the time HubSpot allows for answering a webhook". */
export function clockWithDeadline(base: Clock, deadlineMs: number, purpose: string): Clock {
	return {
		now: () => base.now(),
		random: () => base.random(),
		msUntilDeadline: () => deadlineMs - base.now(),
		sleep: async (ms, signal) => {
			if (base.now() + ms > deadlineMs) throw new DeadlineExceededError(ms, purpose);
			await base.sleep(ms, signal);
		},
	};
}
