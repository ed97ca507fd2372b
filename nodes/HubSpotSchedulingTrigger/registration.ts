import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';
import { z } from 'zod';

import type { WebhookSubscription, WebhooksApi } from '../shared/hubspot/webhooks';

/**
 * Automatic mode for legacy public apps. A HubSpot app has exactly one target URL, so this code
 * treats the app's settings as shared property: it only ever changes what it created itself, and
 * it refuses to repoint an app that already delivers to another URL (another workflow, another tool).
 */

export const CONTACT_CREATION_EVENT = 'contact.creation';

/**
 * What this node changed in the app, kept in static data so deactivation undoes exactly that.
 * - created: the node created the subscription and deletes it again;
 * - activated: it switched on a paused subscription and pauses it again;
 * - borrowed: an active subscription already existed and is left alone.
 */
const registrationSchema = z.object({
	appId: z.string(),
	targetUrl: z.string(),
	subscriptionId: z.string(),
	ownership: z.enum(['created', 'activated', 'borrowed']),
	settingsCreated: z.boolean(),
});

export type Registration = z.infer<typeof registrationSchema>;

export function readRegistration(stored: unknown): Registration | undefined {
	const parsed = registrationSchema.safeParse(stored);
	return parsed.success ? parsed.data : undefined;
}

/** The URL HubSpot should call; a test run ("Listen for test event") uses n8n's test URL. */
export interface RegistrationTarget {
	url: string;
	testRun: boolean;
}

/** Raised, never swallowed: the user must decide who owns the app's single target URL. */
export function targetUrlTaken(
	node: INode,
	appId: string,
	currentTargetUrl: string,
	target: RegistrationTarget,
) {
	const testRunHint = target.testRun
		? " If that is this workflow's own Production URL (the workflow is active), HubSpot cannot also send to the Test URL: deactivate the workflow while listening for a test event, or look at its production executions."
		: '';
	return new NodeOperationError(
		node,
		`HubSpot app ${appId} already sends its webhooks to ${currentTargetUrl}, not to this trigger (${target.url}). A HubSpot app has one target URL, and this node will not take it over from whatever uses it now.`,
		{
			description: `Either deactivate the other workflow (its trigger removes the URL it set), or clear the target URL in the app's settings (developer account → the app → Webhooks) if nothing uses it any more, or use another legacy public app for this workflow. Project apps and private apps use the "App Configuration" mode instead.${testRunHint}`,
		},
	);
}

export function sameUrl(a: string, b: string): boolean {
	return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
}

/** True when HubSpot already delivers contact creations to this URL, so there is nothing to create. */
export async function isRegistered(
	node: INode,
	api: WebhooksApi,
	target: RegistrationTarget,
): Promise<boolean> {
	const settings = await api.readSettings();
	if (settings === null) return false;
	if (!sameUrl(settings.targetUrl, target.url)) {
		throw targetUrlTaken(node, api.appId, settings.targetUrl, target);
	}
	const subscription = findContactCreation(await api.listSubscriptions());
	return subscription?.active === true;
}

export async function register(
	node: INode,
	api: WebhooksApi,
	target: RegistrationTarget,
	previous: Registration | undefined,
): Promise<Registration> {
	const settings = await api.readSettings();
	if (settings !== null && !sameUrl(settings.targetUrl, target.url)) {
		throw targetUrlTaken(node, api.appId, settings.targetUrl, target);
	}
	if (settings === null) await api.writeSettings(target.url);
	// A retried activation must still remember that the settings were ours the first time.
	const settingsCreated =
		settings === null || (previous?.settingsCreated === true && previous.appId === api.appId);

	const existing = findContactCreation(await api.listSubscriptions());
	const base = { appId: api.appId, targetUrl: target.url, settingsCreated };
	if (existing?.active) {
		const ownedBefore = previous?.subscriptionId === existing.id && previous.appId === api.appId;
		return {
			...base,
			subscriptionId: existing.id,
			ownership: ownedBefore ? previous.ownership : 'borrowed',
		};
	}
	if (existing) {
		await api.setSubscriptionActive(existing.id, true);
		return { ...base, subscriptionId: existing.id, ownership: 'activated' };
	}
	const created = await api.createSubscription(CONTACT_CREATION_EVENT);
	return { ...base, subscriptionId: created.id, ownership: 'created' };
}

export interface UnregisterReport {
	subscription: 'deleted' | 'paused' | 'left in place' | 'already gone';
	settings: 'deleted' | 'left in place';
}

/** Undoes what `register` did, and nothing else. */
export async function unregister(
	api: WebhooksApi,
	registration: Registration,
): Promise<UnregisterReport> {
	const subscription = await undoSubscription(api, registration);
	if (!registration.settingsCreated) return { subscription, settings: 'left in place' };

	const settings = await api.readSettings();
	const stillOurs = settings !== null && sameUrl(settings.targetUrl, registration.targetUrl);
	// Deleting the settings pauses every subscription of the app, so only when none is left.
	const othersRemain = (await api.listSubscriptions()).length > 0;
	if (!stillOurs || othersRemain) return { subscription, settings: 'left in place' };
	await api.deleteSettings();
	return { subscription, settings: 'deleted' };
}

async function undoSubscription(
	api: WebhooksApi,
	registration: Registration,
): Promise<UnregisterReport['subscription']> {
	switch (registration.ownership) {
		case 'created':
			return (await api.deleteSubscription(registration.subscriptionId)) === 'done'
				? 'deleted'
				: 'already gone';
		case 'activated':
			return (await api.setSubscriptionActive(registration.subscriptionId, false)) === 'done'
				? 'paused'
				: 'already gone';
		case 'borrowed':
			return 'left in place';
	}
}

function findContactCreation(
	subscriptions: WebhookSubscription[],
): WebhookSubscription | undefined {
	const matching = subscriptions.filter(
		(subscription) => subscription.eventType === CONTACT_CREATION_EVENT,
	);
	return matching.find((subscription) => subscription.active) ?? matching[0];
}
