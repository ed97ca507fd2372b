/** What every route handler gets: the account state, the clock, runtime settings and the side channels. */
import type { Now } from './clock';
import type { FaultInjector } from './faults';
import type { RateLimiter } from './rateLimit';
import type { SandboxState } from './state';
import type { WebhookDispatcher } from './webhookDelivery';

export interface RuntimeConfig {
	latencyMs: number;
	searchIndexLagMs: number;
	tokenTtlSeconds: number;
}

export interface SandboxContext {
	state: SandboxState;
	now: Now;
	config: RuntimeConfig;
	webhooks: WebhookDispatcher;
	rateLimiter: RateLimiter;
	faults: FaultInjector;
	log: (line: string) => void;
}
