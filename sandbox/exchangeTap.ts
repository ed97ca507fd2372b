/**
 * A listener for every HubSpot API exchange the sandbox answers (not control calls, not the consent
 * page): what the client sent and what the sandbox answered. The contract check (test/contract) uses
 * it to hold both sides to HubSpot's published contract. Process-wide, because the sandbox is
 * started by many helpers; nothing is recorded while no listener is set.
 */

export interface ApiExchange {
	method: string;
	/** As received, still percent-encoded. */
	path: string;
	query: Record<string, string | string[]>;
	requestContentType: string;
	/** Parsed JSON or form body; undefined when there was none; the raw text when it was not JSON. */
	requestBody: unknown;
	userAgent: string;
	/** null when the connection was dropped without an answer (a fault). */
	status: number | null;
	responseBody: unknown;
	/** True when a fault rule, not the sandbox's model of HubSpot, produced the answer. */
	faulted: boolean;
}

export type ExchangeListener = (exchange: ApiExchange) => void;

// On globalThis, so a test that resets its module registry still reaches the same listener.
const KEY = Symbol.for('hubspot-sandbox.exchangeListener');
const slot = globalThis as { [KEY]?: ExchangeListener };

export function setExchangeListener(next: ExchangeListener | undefined): void {
	slot[KEY] = next;
}

export function emitExchange(exchange: ApiExchange): void {
	slot[KEY]?.(exchange);
}

export function hasExchangeListener(): boolean {
	return slot[KEY] !== undefined;
}
