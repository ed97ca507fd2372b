/** What every route handler gets: the account state, the clock, runtime settings and the side channels. */
import type { Now } from './clock';
import type { DelayedBookingEffects } from './delayedEffects';
import type { FaultInjector } from './faults';
import type { RateLimiter } from './rateLimit';
import type { SandboxState } from './state';
import type { WebhookDispatcher } from './webhookDelivery';

export interface RuntimeConfig {
	latencyMs: number;
	searchIndexLagMs: number;
	tokenTtlSeconds: number;
	/** A booking's contact, CRM meeting and association appear this long after the answer. */
	bookingEffectsDelayMs: number;
}

export interface SandboxContext {
	state: SandboxState;
	now: Now;
	config: RuntimeConfig;
	webhooks: WebhookDispatcher;
	bookingEffects: DelayedBookingEffects;
	rateLimiter: RateLimiter;
	faults: FaultInjector;
	log: (line: string) => void;
}
