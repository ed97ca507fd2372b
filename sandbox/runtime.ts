/**
 * One sandbox's moving parts (state, clock, webhooks, faults, rate limits, request log), built from
 * its options, and how they go back to the fixture's start. The HTTP server (server.ts), the control
 * API (controlApi.ts) and the request handler (requestHandler.ts) all work on this one object.
 */
import type { RuntimeConfig, SandboxContext } from './context';
import { createContact } from './contactStore';
import { normalizeProperties } from './crmRecords';
import { DelayedBookingEffects } from './delayedEffects';
import { FaultInjector } from './faults';
import type { Fixture } from './fixtureSchema';
import { installFixture, parseFixture } from './fixtureLoader';
import { RateLimiter } from './rateLimit';
import type { LoggedRequest, SandboxOptions } from './sandboxTypes';
import { SandboxState } from './state';
import { WebhookDispatcher } from './webhookDelivery';

/** The sandbox's clock: the injected time source, which the control API can move (e.g. past a sunset date). */
export interface ShiftableClock {
	now(): number;
	readonly base: () => number;
	shiftMs: number;
}

export interface SandboxRuntime {
	ctx: SandboxContext;
	clock: ShiftableClock;
	fixture: Fixture;
	/** The options' settings, restored by reset. */
	initialConfig: RuntimeConfig;
	/** API requests as received (control and page requests are not logged). */
	requestLog: LoggedRequest[];
	/** Known once the server listens. */
	baseUrl: string;
}

export function createRuntime(opts: SandboxOptions): SandboxRuntime {
	const clock = shiftableClock(opts.now ?? Date.now);
	const now = () => clock.now();
	const log = opts.logger ?? (() => undefined);
	const fixture = parseFixture(opts.fixture);
	const initialConfig: RuntimeConfig = {
		latencyMs: opts.latencyMs ?? 0,
		searchIndexLagMs: opts.searchIndexLagMs ?? 0,
		tokenTtlSeconds: opts.tokenTtlSeconds ?? 1800,
		bookingEffectsDelayMs: opts.bookingEffectsDelayMs ?? 0,
	};
	const state = new SandboxState();
	state.fixture = fixture;
	const ctx: SandboxContext = {
		state,
		now,
		config: { ...initialConfig },
		webhooks: new WebhookDispatcher(
			state,
			now,
			{
				retryDelaysMs: opts.webhookRetryDelaysMs ?? [1000, 5000, 15000],
				batchWindowMs: opts.webhookBatchWindowMs ?? 50,
				responseTimeoutMs: opts.webhookResponseTimeoutMs ?? 5000,
			},
			log,
		),
		bookingEffects: new DelayedBookingEffects((error) =>
			log(
				`sandbox: a delayed booking effect failed: ${error instanceof Error ? error.stack : String(error)}`,
			),
		),
		rateLimiter: new RateLimiter(
			now,
			() => state.fixture.rateLimits,
			() => ({
				portalId: state.fixture.portal.portalId,
				appId: state.fixture.app.appId,
				timeZone: state.fixture.portal.timeZone,
			}),
		),
		faults: new FaultInjector(),
		log,
	};
	installFixture(ctx, fixture);
	return { ctx, clock, fixture, initialConfig, requestLog: [], baseUrl: '' };
}

/** Back to the fixture as it was at start: data, clock, settings, faults, log, pending webhooks. */
export function resetRuntime(runtime: SandboxRuntime): void {
	const { ctx } = runtime;
	ctx.webhooks.reset();
	ctx.bookingEffects.clear();
	ctx.faults.clear();
	ctx.rateLimiter.reset();
	runtime.clock.shiftMs = 0;
	Object.assign(ctx.config, runtime.initialConfig);
	runtime.requestLog = [];
	installFixture(ctx, runtime.fixture);
}

/** A contact made as if in HubSpot's UI (changeSource CRM_UI), which fires the contact-created webhook. */
export function createUiContact(
	runtime: SandboxRuntime,
	properties: Record<string, string>,
): string {
	return createContact(runtime.ctx, normalizeProperties(properties), { changeSource: 'CRM_UI' }).id;
}

function shiftableClock(base: () => number): ShiftableClock {
	const clock: ShiftableClock = {
		base,
		shiftMs: 0,
		now: () => base() + clock.shiftMs,
	};
	return clock;
}
