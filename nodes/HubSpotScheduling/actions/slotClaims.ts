import { DateTime } from 'luxon';

/**
 * CRM Record bookings have no HubSpot-side guard: two executions can both find a slot free and
 * both write a meeting (a CRM meeting need not block the organizer's calendar, so neither would
 * see the other's). Within one n8n process, bookings of the same slot therefore run one at a time,
 * and each remembers who took the slot until it has passed. The scheduler's own book endpoint
 * needs none of this: HubSpot refuses the second booking itself.
 */

export interface SlotClaim {
	email: string;
	meetingId: string;
	startMs: number;
}

const queues = new Map<string, Promise<void>>();
const claims = new Map<string, SlotClaim>();

export function slotKey(account: string, slug: string, startMs: number): string {
	return `${account}\u0000${slug}\u0000${startMs}`;
}

/** Runs `work` after every earlier booking of the same slot in this process has finished. */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(work);
	const done = run.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, done);
	try {
		return await run;
	} finally {
		if (queues.get(key) === done) queues.delete(key);
	}
}

export function claimOf(key: string): SlotClaim | undefined {
	forgetPastClaims();
	return claims.get(key);
}

export function claim(key: string, value: SlotClaim): void {
	claims.set(key, value);
}

export function release(key: string): void {
	claims.delete(key);
}

function forgetPastClaims(): void {
	const now = DateTime.now().toMillis();
	for (const [key, value] of claims) if (value.startMs < now) claims.delete(key);
}
