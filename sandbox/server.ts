/**
 * startSandbox(): a local HTTP server that behaves like HubSpot for every endpoint this package uses,
 * plus the /__sandbox/ control API. Node's own http module, no framework.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Outcome, runApiRequest } from './apiPipeline';
import { userBusy } from './busyTimes';
import { createContact } from './contactStore';
import type { RuntimeConfig, SandboxContext } from './context';
import { normalizeProperties, toPublicObject } from './crmRecords';
import { HubSpotError, errorBody, routeNotFound } from './errors';
import { emitExchange, hasExchangeListener } from './exchangeTap';
import { FaultInjector } from './faults';
import { DelayedBookingEffects } from './delayedEffects';
import { installFixture, parseFixture } from './fixtureLoader';
import { queryToObject, readBody, sendJson } from './httpIo';
import { expireAllAccessTokens } from './oauthTokens';
import { RateLimiter } from './rateLimit';
import { matchRoute } from './router';
import { API_ROUTES } from './routes';
import { type ControlApi, handleControl } from './routes/control';
import type { LoggedRequest, Sandbox, SandboxOptions } from './sandboxTypes';
import { SandboxState } from './state';
import { WebhookDispatcher } from './webhookDelivery';

export type { Sandbox, SandboxOptions, LoggedRequest, DeliveryAttempt } from './sandboxTypes';
export type { SandboxFixture } from './fixtureSchema';
export type { FaultRule, FaultAction } from './faults';
export { SandboxState } from './state';
export { FaultInjector } from './faults';

const CONTROL_PREFIX = '/__sandbox/';
const SNAPSHOT_BUSY_DAYS = 42;

function splitUrl(rawUrl: string): { rawPath: string; query: URLSearchParams } {
	const index = rawUrl.indexOf('?');
	return index < 0
		? { rawPath: rawUrl, query: new URLSearchParams() }
		: { rawPath: rawUrl.slice(0, index), query: new URLSearchParams(rawUrl.slice(index + 1)) };
}

function parseLooseJson(rawBody: string): unknown {
	if (rawBody.trim() === '') return undefined;
	try {
		return JSON.parse(rawBody) as unknown;
	} catch {
		return rawBody;
	}
}

function bodyForLog(req: IncomingMessage, rawBody: string): unknown {
	const type = (req.headers['content-type'] ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded'))
		return Object.fromEntries(new URLSearchParams(rawBody));
	return parseLooseJson(rawBody);
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const baseNow = opts.now ?? Date.now;
	// The control API can move the clock (e.g. past a sunset date); everything reads it through now().
	let clockShiftMs = 0;
	const now = () => baseNow() + clockShiftMs;
	const log = opts.logger ?? (() => undefined);
	const fixture = parseFixture(opts.fixture);
	const initialConfig: RuntimeConfig = {
		latencyMs: opts.latencyMs ?? 0,
		searchIndexLagMs: opts.searchIndexLagMs ?? 0,
		tokenTtlSeconds: opts.tokenTtlSeconds ?? 1800,
		bookingEffectsDelayMs: opts.bookingEffectsDelayMs ?? 0,
	};
	const config: RuntimeConfig = { ...initialConfig };
	const state = new SandboxState();
	state.fixture = fixture;
	const faults = new FaultInjector();
	const rateLimiter = new RateLimiter(
		now,
		() => state.fixture.rateLimits,
		() => ({
			portalId: state.fixture.portal.portalId,
			appId: state.fixture.app.appId,
			timeZone: state.fixture.portal.timeZone,
		}),
	);
	const webhooks = new WebhookDispatcher(
		state,
		now,
		{
			retryDelaysMs: opts.webhookRetryDelaysMs ?? [1000, 5000, 15000],
			batchWindowMs: opts.webhookBatchWindowMs ?? 50,
			responseTimeoutMs: opts.webhookResponseTimeoutMs ?? 5000,
		},
		log,
	);
	const bookingEffects = new DelayedBookingEffects((error) =>
		log(
			`sandbox: a delayed booking effect failed: ${error instanceof Error ? error.stack : String(error)}`,
		),
	);
	const ctx: SandboxContext = {
		state,
		now,
		config,
		webhooks,
		bookingEffects,
		rateLimiter,
		faults,
		log,
	};
	installFixture(ctx, fixture);
	let requestLog: LoggedRequest[] = [];
	let baseUrl = '';

	function reset(): void {
		webhooks.reset();
		bookingEffects.clear();
		faults.clear();
		rateLimiter.reset();
		clockShiftMs = 0;
		Object.assign(config, initialConfig);
		requestLog = [];
		installFixture(ctx, fixture);
	}

	function createUiContact(properties: Record<string, string>): string {
		return createContact(ctx, normalizeProperties(properties), { changeSource: 'CRM_UI' }).id;
	}

	function stateSnapshot() {
		bookingEffects.applyDue();
		const from = now();
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
			pendingBookingEffects: bookingEffects.pendingCount(),
			webhookSettings: state.webhookSettings,
			subscriptions: [...state.subscriptions.values()],
			appWebhookTarget: state.appWebhookTarget,
			config,
		};
	}

	const control: ControlApi = {
		reset,
		requestLog: () => requestLog.map((entry) => ({ ...entry })),
		clearLog: () => {
			requestLog = [];
		},
		stateSnapshot,
		faults,
		createContact: createUiContact,
		updateConfig: (changes) => Object.assign(config, changes),
		expireTokens: () => expireAllAccessTokens(ctx),
		clock: () => ({ now: now(), iso: new Date(now()).toISOString(), shiftMs: clockShiftMs }),
		setClock: (atMs) => {
			clockShiftMs = atMs - baseNow();
		},
		setAppWebhookTarget: (target) => {
			state.appWebhookTarget = target;
		},
		deliveries: () => [...state.deliveries],
		redeliver: () => webhooks.redeliverLast(),
		flushWebhooks: () => webhooks.flush(),
		info: () => ({
			url: baseUrl,
			portalId: state.fixture.portal.portalId,
			appId: state.fixture.app.appId,
			clientId: state.fixture.app.clientId,
			clientSecret: state.fixture.app.clientSecret,
			developerApiKey: state.fixture.app.developerApiKey,
			serviceKeys: state.fixture.serviceKeys,
		}),
	};

	async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const correlationId = randomUUID();
		res.setHeader('x-hubspot-correlation-id', correlationId);
		const method = req.method ?? 'GET';
		const { rawPath, query } = splitUrl(req.url ?? '/');
		const rawBody = await readBody(req);
		if (rawPath.startsWith(CONTROL_PREFIX)) {
			const response = await handleControl(
				method,
				rawPath.slice(CONTROL_PREFIX.length),
				parseLooseJson(rawBody),
				control,
			);
			sendJson(res, response.status, response.body, response.headers);
			return;
		}
		const entry: LoggedRequest = {
			method,
			path: rawPath,
			query: queryToObject(query),
			body: bodyForLog(req, rawBody),
			status: null,
			at: now(),
			authKind: 'none',
		};
		const match = matchRoute(API_ROUTES, method, rawPath);
		if (match?.route.kind !== 'page') requestLog.push(entry);
		const outcome: Outcome = match
			? await runApiRequest(ctx, { req, match, rawPath, query, rawBody, correlationId, baseUrl })
			: {
					response: { status: 404, body: errorBody(routeNotFound(method, rawPath), correlationId) },
					authKind: 'none',
				};
		entry.authKind = outcome.authKind;
		if ('drop' in outcome) {
			req.socket.destroy();
			return;
		}
		entry.status = outcome.response.status;
		sendJson(res, outcome.response.status, outcome.response.body, outcome.response.headers);
		if (match?.route.kind !== 'page' && hasExchangeListener()) {
			emitExchange({
				method,
				path: rawPath,
				query: entry.query,
				requestContentType: req.headers['content-type'] ?? '',
				requestBody: entry.body,
				userAgent: req.headers['user-agent'] ?? '',
				status: outcome.response.status,
				responseBody: outcome.response.body,
				faulted: outcome.faulted === true,
			});
		}
	}

	const server = http.createServer((req, res) => {
		handleRequest(req, res).catch((error: unknown) => {
			log(`sandbox: request failed: ${error instanceof Error ? error.stack : String(error)}`);
			if (res.headersSent) {
				res.destroy();
				return;
			}
			const status = error instanceof HubSpotError ? error.httpStatus : 500;
			sendJson(res, status, {
				status: 'error',
				message: error instanceof Error ? error.message : 'internal error',
			});
		});
	});
	const host = opts.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	log(`sandbox listening on ${baseUrl}`);

	return {
		url: baseUrl,
		state,
		faults,
		close: () =>
			new Promise<void>((resolve) => {
				webhooks.close();
				bookingEffects.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
		reset,
		requestLog: control.requestLog,
		clearLog: control.clearLog,
		createContact: createUiContact,
		deliveries: control.deliveries,
		flushWebhooks: control.flushWebhooks,
	};
}
