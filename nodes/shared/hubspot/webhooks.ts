import { z } from 'zod';

import type { HubSpotClient } from '../transport/client';
import { paths } from '../transport/paths';

/** HubSpot's v3 webhooks management API (legacy public apps only), reduced to what registration needs. */

export interface WebhookSettings {
	targetUrl: string;
}

export interface WebhookSubscription {
	id: string;
	eventType: string;
	active: boolean;
	propertyName?: string | null;
}

export interface WebhooksApi {
	readonly appId: string;
	readSettings(): Promise<WebhookSettings | null>;
	writeSettings(targetUrl: string): Promise<void>;
	deleteSettings(): Promise<void>;
	listSubscriptions(): Promise<WebhookSubscription[]>;
	createSubscription(eventType: string): Promise<WebhookSubscription>;
	setSubscriptionActive(subscriptionId: string, active: boolean): Promise<'done' | 'absent'>;
	deleteSubscription(subscriptionId: string): Promise<'done' | 'absent'>;
}

/** HubSpot wants more than five; ten is its documented per-account concurrency for deliveries. */
export const MAX_CONCURRENT_REQUESTS = 10;

const idString = z.union([z.string(), z.number()]).transform(String);

const settingsSchema = z.object({ targetUrl: z.string() }).passthrough();

const subscriptionSchema = z
	.object({
		id: idString,
		eventType: z.string(),
		active: z.boolean(),
		propertyName: z.string().nullish(),
	})
	.passthrough();

// Current docs wrap the list in {results}; older ones showed a bare array.
const subscriptionListSchema = z.union([
	z.object({ results: z.array(subscriptionSchema) }).transform((page) => page.results),
	z.array(subscriptionSchema),
]);

const deletedSchema = z.unknown().transform(() => 'done' as const);

export function hubspotWebhooksApi(client: HubSpotClient, appId: string): WebhooksApi {
	return {
		appId,
		readSettings: async () =>
			await client.requestOrNull(
				{
					method: 'GET',
					path: paths.webhookSettings(appId),
					what: "read the app's webhook settings",
				},
				settingsSchema,
			),
		writeSettings: async (targetUrl) => {
			await client.request(
				{
					method: 'PUT',
					path: paths.webhookSettings(appId),
					body: { targetUrl, throttling: { maxConcurrentRequests: MAX_CONCURRENT_REQUESTS } },
					kind: 'idempotent-write',
					what: "set the app's webhook target URL",
				},
				z.unknown(),
			);
		},
		deleteSettings: async () => {
			await client.send({
				method: 'DELETE',
				path: paths.webhookSettings(appId),
				kind: 'idempotent-write',
				what: "remove the app's webhook target URL",
			});
		},
		listSubscriptions: async () =>
			await client.request(
				{
					method: 'GET',
					path: paths.webhookSubscriptions(appId),
					what: "list the app's webhook subscriptions",
				},
				subscriptionListSchema,
			),
		createSubscription: async (eventType) =>
			await client.request(
				{
					method: 'POST',
					path: paths.webhookSubscriptions(appId),
					body: { eventType, active: true },
					what: `subscribe the app to ${eventType}`,
				},
				subscriptionSchema,
			),
		setSubscriptionActive: async (subscriptionId, active) => {
			const updated = await client.requestOrNull(
				{
					method: 'PATCH',
					path: paths.webhookSubscription(appId, subscriptionId),
					body: { active },
					kind: 'idempotent-write',
					what: `${active ? 'activate' : 'pause'} webhook subscription ${subscriptionId}`,
				},
				subscriptionSchema,
			);
			return updated === null ? 'absent' : 'done';
		},
		deleteSubscription: async (subscriptionId) => {
			// 404 means someone already removed it, which is the state we want.
			const outcome = await client.requestOrNull(
				{
					method: 'DELETE',
					path: paths.webhookSubscription(appId, subscriptionId),
					kind: 'idempotent-write',
					what: `delete webhook subscription ${subscriptionId}`,
				},
				deletedSchema,
			);
			return outcome ?? 'absent';
		},
	};
}
