import type { ClientOptions } from '../../../nodes/shared/transport/client';

/**
 * What a fault test hands to the node it runs inside n8n's engine, and what it gets back. n8n-core
 * loads the node through its package loader, possibly as a separate module instance from the test's
 * import, so the two meet on globalThis rather than in module state.
 */
export interface FaultHooks {
	/** Passed to the router: the virtual clock (no real backoff waits) and the request timeout. */
	clientOptions: ClientOptions;
	/** Every error the node threw to n8n, as the original object (class, context, description). */
	thrown: unknown[];
}

const KEY = Symbol.for('n8n-nodes-hubspot-scheduling.faultHooks');

export function faultHooks(): FaultHooks {
	const holder = globalThis as { [KEY]?: FaultHooks };
	holder[KEY] ??= { clientOptions: {}, thrown: [] };
	return holder[KEY];
}
