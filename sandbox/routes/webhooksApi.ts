/**
 * Webhooks v3 management API (legacy public apps, developer API key in `?hapikey=`): target-URL
 * settings and event subscriptions, including HubSpot's 1,000-subscription cap.
 */
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { HubSpotError, validationError } from '../errors';
import { parseBodyWith } from '../requestBody';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { DEVELOPER_KEY } from '../scopes';
import type { WebhookSettings, WebhookSubscription } from '../state';

export const MAX_SUBSCRIPTIONS = 1000;
const MIN_CONCURRENT_REQUESTS = 5;
const OBJECT_EVENT =
	/^(contact|company|deal|ticket|product|line_item)\.(creation|deletion|merge|associationChange|restore|privacyDeletion|propertyChange)$/;
const GENERIC_EVENT =
	/^object\.(creation|deletion|merge|associationChange|restore|propertyChange)$/;
const CONVERSATION_EVENT =
	/^conversation\.(creation|deletion|privacyDeletion|propertyChange|newMessage)$/;

function requireApp(req: ApiRequest, ctx: SandboxContext): void {
	if (req.params.appId !== String(ctx.state.fixture.app.appId)) {
		throw new HubSpotError(404, {
			message: `App ${req.params.appId} was not found for this developer account.`,
			category: 'OBJECT_NOT_FOUND',
		});
	}
}

function settingsBody(settings: WebhookSettings) {
	return {
		targetUrl: settings.targetUrl,
		throttling: {
			maxConcurrentRequests: settings.maxConcurrentRequests,
			...(settings.period ? { period: settings.period } : {}),
		},
		createdAt: new Date(settings.createdAt).toISOString(),
		updatedAt: new Date(settings.updatedAt).toISOString(),
	};
}

function getSettings(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	requireApp(req, ctx);
	const settings = ctx.state.webhookSettings;
	if (!settings) {
		throw new HubSpotError(404, {
			message: `No webhook settings found for app ${req.params.appId}.`,
			category: 'OBJECT_NOT_FOUND',
		});
	}
	return { status: 200, body: settingsBody(settings) };
}

const settingsSchema = z.object({
	targetUrl: z.string(),
	throttling: z
		.object({ maxConcurrentRequests: z.number().int().optional(), period: z.string().optional() })
		.optional(),
	// n8n's built-in trigger sends this at the top level; HubSpot accepts it there too.
	maxConcurrentRequests: z.number().int().optional(),
});

function putSettings(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	requireApp(req, ctx);
	const body = parseBodyWith(settingsSchema, req.body);
	if (!/^https?:\/\/[^\s]+$/.test(body.targetUrl))
		throw validationError(`targetUrl ${body.targetUrl} is not a valid URL`);
	const maxConcurrentRequests =
		body.throttling?.maxConcurrentRequests ?? body.maxConcurrentRequests ?? 10;
	if (maxConcurrentRequests < MIN_CONCURRENT_REQUESTS) {
		throw validationError(
			`maxConcurrentRequests must be a number greater than or equal to ${MIN_CONCURRENT_REQUESTS}`,
		);
	}
	const now = ctx.now();
	ctx.state.webhookSettings = {
		targetUrl: body.targetUrl,
		maxConcurrentRequests,
		period: body.throttling?.period,
		createdAt: ctx.state.webhookSettings?.createdAt ?? now,
		updatedAt: now,
	};
	return { status: 200, body: settingsBody(ctx.state.webhookSettings) };
}

function deleteSettings(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	requireApp(req, ctx);
	ctx.state.webhookSettings = null;
	return { status: 204 };
}

function subscriptionBody(subscription: WebhookSubscription) {
	return {
		id: subscription.id,
		eventType: subscription.eventType,
		...(subscription.propertyName ? { propertyName: subscription.propertyName } : {}),
		...(subscription.objectTypeId ? { objectTypeId: subscription.objectTypeId } : {}),
		...(subscription.eventTypeName ? { eventTypeName: subscription.eventTypeName } : {}),
		active: subscription.active,
		createdAt: new Date(subscription.createdAt).toISOString(),
		updatedAt: new Date(subscription.updatedAt).toISOString(),
	};
}

function listSubscriptions(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	requireApp(req, ctx);
	return {
		status: 200,
		body: { results: [...ctx.state.subscriptions.values()].map(subscriptionBody) },
	};
}

const createSchema = z.object({
	eventType: z.string(),
	propertyName: z.string().optional(),
	active: z.boolean().optional(),
	objectTypeId: z.string().optional(),
	eventTypeName: z.string().optional(),
});

function checkEventType(body: z.output<typeof createSchema>): void {
	const { eventType } = body;
	if (
		!OBJECT_EVENT.test(eventType) &&
		!GENERIC_EVENT.test(eventType) &&
		!CONVERSATION_EVENT.test(eventType)
	) {
		throw validationError(`${eventType} is not a valid subscription eventType`);
	}
	if (eventType.endsWith('.propertyChange') && !body.propertyName) {
		throw validationError(`propertyName is required for ${eventType} subscriptions`);
	}
	if (GENERIC_EVENT.test(eventType) && !body.objectTypeId) {
		throw validationError(`objectTypeId is required for ${eventType} subscriptions`);
	}
}

function createSubscription(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	requireApp(req, ctx);
	const body = parseBodyWith(createSchema, req.body);
	checkEventType(body);
	if (ctx.state.subscriptions.size >= MAX_SUBSCRIPTIONS) {
		throw validationError(
			"Couldn't create another subscription. You've reached the maximum number allowed per application (1000).",
		);
	}
	const duplicate = [...ctx.state.subscriptions.values()].find(
		(s) =>
			s.eventType === body.eventType &&
			s.propertyName === body.propertyName &&
			s.objectTypeId === body.objectTypeId,
	);
	if (duplicate) {
		throw new HubSpotError(409, {
			message: `A subscription for ${body.eventType} already exists (id ${duplicate.id}).`,
			category: 'CONFLICT',
		});
	}
	const now = ctx.now();
	const subscription: WebhookSubscription = {
		id: ctx.state.nextSubscriptionId(),
		eventType: body.eventType,
		propertyName: body.propertyName,
		objectTypeId: body.objectTypeId,
		eventTypeName: body.eventTypeName,
		active: body.active ?? false,
		createdAt: now,
		updatedAt: now,
	};
	ctx.state.subscriptions.set(subscription.id, subscription);
	return { status: 201, body: subscriptionBody(subscription) };
}

function requireSubscription(
	req: ApiRequest,
	ctx: SandboxContext,
	id = req.params.subscriptionId,
): WebhookSubscription {
	requireApp(req, ctx);
	const subscription = ctx.state.subscriptions.get(id);
	if (!subscription) {
		throw new HubSpotError(404, {
			message: `Subscription ${id} not found.`,
			category: 'OBJECT_NOT_FOUND',
		});
	}
	return subscription;
}

function getSubscription(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	return { status: 200, body: subscriptionBody(requireSubscription(req, ctx)) };
}

const patchSchema = z.object({ active: z.boolean() });

function patchSubscription(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const subscription = requireSubscription(req, ctx);
	subscription.active = parseBodyWith(patchSchema, req.body).active;
	subscription.updatedAt = ctx.now();
	return { status: 200, body: subscriptionBody(subscription) };
}

function deleteSubscription(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const subscription = requireSubscription(req, ctx);
	ctx.state.subscriptions.delete(subscription.id);
	return { status: 204 };
}

const batchSchema = z.object({
	inputs: z.array(
		z.object({ id: z.union([z.string(), z.number()]).transform(String), active: z.boolean() }),
	),
});

function batchUpdate(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const startedAt = ctx.now();
	const body = parseBodyWith(batchSchema, req.body);
	const results = body.inputs.map(({ id, active }) => {
		const subscription = requireSubscription(req, ctx, id);
		subscription.active = active;
		subscription.updatedAt = ctx.now();
		return subscriptionBody(subscription);
	});
	return {
		status: 200,
		body: {
			status: 'COMPLETE',
			results,
			startedAt: new Date(startedAt).toISOString(),
			completedAt: new Date(ctx.now()).toISOString(),
		},
	};
}

/** The legacy v3 path and its dated twin (spec: `/app-webhooks/2026-09/{appId}/...`, developer API key). */
const BASES = ['/webhooks/v3/:appId', '/app-webhooks/2026-09/:appId'] as const;

export const webhooksApiRoutes: Route[] = BASES.flatMap((BASE): Route[] => [
	{
		method: 'GET',
		path: `${BASE}/settings`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: getSettings,
	},
	{
		method: 'PUT',
		path: `${BASE}/settings`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: putSettings,
	},
	{
		method: 'DELETE',
		path: `${BASE}/settings`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: deleteSettings,
	},
	{
		method: 'GET',
		path: `${BASE}/subscriptions`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: listSubscriptions,
	},
	{
		method: 'POST',
		path: `${BASE}/subscriptions`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: createSubscription,
	},
	{
		method: 'POST',
		path: `${BASE}/subscriptions/batch/update`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: batchUpdate,
	},
	{
		method: 'GET',
		path: `${BASE}/subscriptions/:subscriptionId`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: getSubscription,
	},
	{
		method: 'PATCH',
		path: `${BASE}/subscriptions/:subscriptionId`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: patchSubscription,
	},
	{
		method: 'DELETE',
		path: `${BASE}/subscriptions/:subscriptionId`,
		kind: 'api',
		auth: DEVELOPER_KEY,
		handle: deleteSubscription,
	},
]);
