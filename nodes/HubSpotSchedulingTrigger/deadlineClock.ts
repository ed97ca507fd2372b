import type { Clock } from '../shared/transport/pacing';

/**
 * HubSpot counts an answer slower than 5 seconds as failed and sends the delivery again, possibly
 * while this one is still running. A clock that refuses to wait past a deadline stops the
 * transport's retry back-off in time; the delivery then fails fast and HubSpot's own retry takes over.
 */
export class DeadlineExceededError extends Error {
	constructor(readonly waitMs: number) {
		super(
			`Waiting another ${waitMs} ms for HubSpot would pass the time HubSpot allows for answering a webhook`,
		);
		this.name = 'DeadlineExceededError';
	}
}

export function clockWithDeadline(base: Clock, deadlineMs: number): Clock {
	return {
		now: () => base.now(),
		random: () => base.random(),
		msUntilDeadline: () => deadlineMs - base.now(),
		sleep: async (ms) => {
			if (base.now() + ms > deadlineMs) throw new DeadlineExceededError(ms);
			await base.sleep(ms);
		},
	};
}
