import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Within one n8n process, bookings of the same slot take turns, so a tool call a voice platform
 * fired twice is answered from the first one's result instead of racing it. This is a convenience
 * only: exclusivity across processes does not depend on it (see slotExclusivity for CRM Record,
 * HubSpot's scheduler for Meeting Link).
 */

interface SlotTurns {
	tail: Promise<void>;
	inLine: number;
}

const slots = new Map<string, SlotTurns>();

export function slotKey(context: IExecuteFunctions, slug: string, startMs: number): string {
	return `${accountOf(context)}\u0000${slug}\u0000${startMs}`;
}

/** The credential stands for the HubSpot account: bookings on different accounts never wait for each other. */
function accountOf(context: IExecuteFunctions): string {
	const credentials = context.getNode().credentials ?? {};
	return Object.entries(credentials)
		.map(([type, credential]) => `${type}:${credential.id ?? credential.name}`)
		.join(',');
}

/** Runs `work` after every earlier booking of the same slot in this process has finished. */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const turns = slots.get(key) ?? { tail: Promise.resolve(), inLine: 0 };
	slots.set(key, turns);
	turns.inLine++;
	const run = turns.tail.then(work);
	turns.tail = run.then(
		() => undefined,
		() => undefined,
	);
	try {
		return await run;
	} finally {
		turns.inLine--;
		if (turns.inLine === 0) slots.delete(key);
	}
}
