/** The sandbox's public types, shared by the server, the control API and the tests that drive it. */
import type { DeliveryAttempt } from './deliveryTypes';
import type { FaultInjector } from './faults';
import type { SandboxFixture } from './fixtureSchema';
import type { SandboxState } from './state';

export type { DeliveryAttempt, DeliveryTargetKind } from './deliveryTypes';

export interface SandboxOptions {
	/** 0 = free port (default 0). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Added to every HubSpot API request (not control endpoints); default 0. */
	latencyMs?: number;
	/** OAuth access-token lifetime; default 1800. */
	tokenTtlSeconds?: number;
	/** New/updated records become visible to search after this; default 0. */
	searchIndexLagMs?: number;
	/** A booking's contact, CRM meeting and association appear this long after the answer; the slot is busy at once. Default 0. */
	bookingEffectsDelayMs?: number;
	/** Default sandbox/fixtures/default.json. */
	fixture?: string | SandboxFixture;
	/** Injected clock (epoch ms); default Date.now. */
	now?: () => number;
	/** Delays between delivery retries; default [1000, 5000, 15000]. */
	webhookRetryDelaysMs?: number[];
	/** Collect events this long before a delivery; default 50. */
	webhookBatchWindowMs?: number;
	/** An attempt without an answer after this counts as failed; default 5000 (HubSpot's limit). */
	webhookResponseTimeoutMs?: number;
	/** Default: silent. */
	logger?: (line: string) => void;
}

export type AuthKind = 'oauth' | 'service-key' | 'developer-key' | 'client-credentials' | 'none';

export interface LoggedRequest {
	method: string;
	/** As received, still percent-encoded. */
	path: string;
	query: Record<string, string | string[]>;
	/** Parsed JSON or form body; undefined when there was none. */
	body: unknown;
	/** null when a fault dropped the connection without an answer. */
	status: number | null;
	/** Sandbox clock, epoch ms. */
	at: number;
	authKind: AuthKind;
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:43567 (HubSpot API base URL and OAuth host). */
	url: string;
	/** Also stops pending webhook timers. */
	close(): Promise<void>;
	/** Back to the fixture; clears log, faults, tokens issued, deliveries and runtime config changes. */
	reset(): void;
	/** HubSpot API calls only. */
	requestLog(): LoggedRequest[];
	clearLog(): void;
	state: SandboxState;
	faults: FaultInjector;
	/** As if created in the HubSpot UI; fires webhooks; returns the id. */
	createContact(props: Record<string, string>): string;
	deliveries(): DeliveryAttempt[];
	/** Sends queued events (and retries waiting for their delay) now and waits for the attempts in flight. */
	flushWebhooks(): Promise<void>;
}
