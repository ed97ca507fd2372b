/** The control API's operations on one sandbox (routes/control.ts maps /__sandbox/ requests onto them). */
import { userBusy } from './busyTimes';
import { toPublicObject } from './crmRecords';
import { expireAllAccessTokens } from './oauthTokens';
import type { ControlApi } from './routes/control';
import { createUiContact, resetRuntime } from './runtime';
import type { SandboxRuntime } from './runtime';

/** How far ahead the state snapshot lists each user's busy times. */
const SNAPSHOT_BUSY_DAYS = 42;

export function createControlApi(runtime: SandboxRuntime): ControlApi {
	const { ctx, clock } = runtime;
	const { state } = ctx;
	return {
		reset: () => resetRuntime(runtime),
		requestLog: () => runtime.requestLog.map((entry) => ({ ...entry })),
		clearLog: () => {
			runtime.requestLog = [];
		},
		stateSnapshot: () => stateSnapshot(runtime),
		faults: ctx.faults,
		createContact: (properties) => createUiContact(runtime, properties),
		updateConfig: (changes) => Object.assign(ctx.config, changes),
		expireTokens: () => expireAllAccessTokens(ctx),
		clock: () => ({
			now: clock.now(),
			iso: new Date(clock.now()).toISOString(),
			shiftMs: clock.shiftMs,
		}),
		setClock: (atMs) => {
			clock.shiftMs = atMs - clock.base();
		},
		setAppWebhookTarget: (target) => {
			state.appWebhookTarget = target;
		},
		deliveries: () => [...state.deliveries],
		redeliver: () => ctx.webhooks.redeliverLast(),
		flushWebhooks: () => ctx.webhooks.flush(),
		info: () => ({
			url: runtime.baseUrl,
			portalId: state.fixture.portal.portalId,
			appId: state.fixture.app.appId,
			clientId: state.fixture.app.clientId,
			clientSecret: state.fixture.app.clientSecret,
			developerApiKey: state.fixture.app.developerApiKey,
			serviceKeys: state.fixture.serviceKeys,
		}),
	};
}

/** Everything the sandbox holds, as the control API's /state answers it (booking effects due by now applied). */
function stateSnapshot(runtime: SandboxRuntime) {
	const { ctx } = runtime;
	const { state } = ctx;
	ctx.bookingEffects.applyDue();
	const from = ctx.now();
	const to = from + SNAPSHOT_BUSY_DAYS * 86_400_000;
	return {
		now: from,
		portal: state.fixture.portal,
		users: [...state.users.values()],
		meetingLinks: state.meetingLinks,
		contacts: [...state.contacts.values()].map((record) => ({
			...toPublicObject(record, undefined),
			properties: record.properties,
		})),
		meetings: [...state.meetings.values()].map((record) => ({
			...toPublicObject(record, undefined),
			properties: record.properties,
		})),
		associations: state.associations.pairs(),
		busyTimes: Object.fromEntries(
			[...state.users.keys()].map((userId) => [userId, userBusy(ctx, userId, from, to)]),
		),
		bookings: state.bookings,
		pendingBookingEffects: ctx.bookingEffects.pendingCount(),
		webhookSettings: state.webhookSettings,
		subscriptions: [...state.subscriptions.values()],
		appWebhookTarget: state.appWebhookTarget,
		config: ctx.config,
	};
}
