/**
 * The /__sandbox/ control API (no auth): everything tests can do programmatically, reachable over HTTP
 * for the real n8n, the demo and end-to-end tests, which run the sandbox as a separate process.
 */
import { z } from 'zod';
import type { RuntimeConfig } from '../context';
import type { FaultInjector } from '../faults';
import { faultRuleSchema } from '../faults';
import type { ApiResponse } from '../router';
import type { DeliveryAttempt, LoggedRequest } from '../sandboxTypes';
import type { AppWebhookTarget } from '../state';

export interface ControlApi {
	reset(): void;
	requestLog(): LoggedRequest[];
	clearLog(): void;
	stateSnapshot(): unknown;
	faults: FaultInjector;
	createContact(properties: Record<string, string>): string;
	updateConfig(changes: Partial<RuntimeConfig>): RuntimeConfig;
	expireTokens(): number;
	clock(): { now: number; iso: string; shiftMs: number };
	/** From now on the sandbox's clock reads `atMs` plus the time that passes. */
	setClock(atMs: number): void;
	setAppWebhookTarget(target: AppWebhookTarget | null): void;
	deliveries(): DeliveryAttempt[];
	redeliver(): Promise<DeliveryAttempt | undefined>;
	flushWebhooks(): Promise<void>;
	info(): unknown;
}

const contactSchema = z.union([
	z.object({ properties: z.record(z.string(), z.string()) }),
	z.record(z.string(), z.string()),
]);

const configSchema = z
	.object({
		latencyMs: z.number().int().min(0),
		searchIndexLagMs: z.number().int().min(0),
		tokenTtlSeconds: z.number().int().positive(),
		bookingEffectsDelayMs: z.number().int().min(0),
	})
	.partial();

const clockSchema = z.object({
	at: z.union([
		z.number().int(),
		z
			.string()
			.refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO date-time')
			.transform((text) => Date.parse(text)),
	]),
});

const targetSchema = z.object({
	url: z.string().url(),
	eventFormat: z.enum(['legacy', 'generic']).default('legacy'),
});

function parse<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> | ApiResponse {
	const parsed = schema.safeParse(body ?? {});
	if (parsed.success) return parsed.data as z.output<T>;
	const issue = parsed.error.issues[0];
	return {
		status: 400,
		body: { error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` },
	};
}

function isResponse(value: unknown): value is ApiResponse {
	return (
		typeof value === 'object' &&
		value !== null &&
		'status' in value &&
		typeof (value as ApiResponse).status === 'number'
	);
}

type ControlHandler = (
	body: unknown,
	api: ControlApi,
	id: string | undefined,
) => ApiResponse | Promise<ApiResponse>;

const handlers: Record<string, ControlHandler> = {
	'POST reset': (_body, api) => {
		api.reset();
		return { status: 200, body: { reset: true } };
	},
	'GET log': (_body, api) => ({ status: 200, body: { requests: api.requestLog() } }),
	'DELETE log': (_body, api) => {
		api.clearLog();
		return { status: 204 };
	},
	'GET state': (_body, api) => ({ status: 200, body: api.stateSnapshot() }),
	'GET info': (_body, api) => ({ status: 200, body: api.info() }),
	'GET faults': (_body, api) => ({ status: 200, body: { faults: api.faults.list() } }),
	'POST faults': (body, api) => {
		const rule = parse(faultRuleSchema, body);
		if (isResponse(rule)) return rule;
		return { status: 201, body: { id: api.faults.add(rule) } };
	},
	'DELETE faults': (_body, api, id) => {
		if (id === undefined) api.faults.clear();
		else if (!api.faults.remove(id)) return { status: 404, body: { error: `no fault ${id}` } };
		return { status: 204 };
	},
	'POST contacts': (body, api) => {
		const input = parse(contactSchema, body);
		if (isResponse(input)) return input;
		const properties =
			'properties' in input && typeof input.properties === 'object' ? input.properties : input;
		return { status: 201, body: { id: api.createContact(properties as Record<string, string>) } };
	},
	'POST config': (body, api) => {
		const changes = parse(configSchema, body);
		if (isResponse(changes)) return changes;
		return { status: 200, body: api.updateConfig(changes) };
	},
	'GET clock': (_body, api) => ({ status: 200, body: api.clock() }),
	'POST clock': (body, api) => {
		const input = parse(clockSchema, body);
		if (isResponse(input)) return input;
		api.setClock(input.at);
		return { status: 200, body: api.clock() };
	},
	'POST tokens/expire': (_body, api) => ({ status: 200, body: { expired: api.expireTokens() } }),
	'POST webhooks/target': (body, api) => {
		const target = parse(targetSchema, body);
		if (isResponse(target)) return target;
		api.setAppWebhookTarget(target);
		return { status: 200, body: target };
	},
	'DELETE webhooks/target': (_body, api) => {
		api.setAppWebhookTarget(null);
		return { status: 204 };
	},
	'GET deliveries': (_body, api) => ({ status: 200, body: { deliveries: api.deliveries() } }),
	'POST webhooks/redeliver': async (_body, api) => {
		const attempt = await api.redeliver();
		return attempt
			? { status: 200, body: attempt }
			: { status: 404, body: { error: 'nothing has been delivered yet' } };
	},
	'POST webhooks/flush': async (_body, api) => {
		await api.flushWebhooks();
		return { status: 200, body: { deliveries: api.deliveries().length } };
	},
};

/** `subPath` is the part after /__sandbox/, e.g. "faults" or "faults/fault-3". */
export async function handleControl(
	method: string,
	subPath: string,
	body: unknown,
	api: ControlApi,
): Promise<ApiResponse> {
	const faultMatch = /^faults\/([^/]+)$/.exec(subPath);
	const key = faultMatch ? `${method} faults` : `${method} ${subPath}`;
	const handler = handlers[key];
	if (!handler)
		return { status: 404, body: { error: `no control endpoint ${method} /__sandbox/${subPath}` } };
	return handler(body, api, faultMatch?.[1]);
}
