import type { ClientOptions } from '../../nodes/shared/transport/client';

/**
 * What an engine test hands to the HubSpot Scheduling node it runs inside n8n's engine (see
 * clockedNode/), and what it gets back. n8n-core loads the node through its package loader,
 * possibly as a separate module instance from the test's import, so the two meet on globalThis
 * rather than in module state.
 */
export interface EngineHooks {
	/** Passed to the router: the test's clock (see testClock.ts) and the request timeout. */
	clientOptions: ClientOptions;
	/** Every error the node threw to n8n, as the original object (class, context, description). */
	thrown: unknown[];
}

const KEY = Symbol.for('n8n-nodes-hubspot-scheduling.engineHooks');

export function engineHooks(): EngineHooks {
	const holder = globalThis as { [KEY]?: EngineHooks };
	holder[KEY] ??= { clientOptions: {}, thrown: [] };
	return holder[KEY];
}
