/**
 * Where a contact-creation event goes. Two configurations exist, as in HubSpot: the webhooks v3
 * management API (a legacy public app: settings with a target URL plus an active `contact.creation`
 * or generic `object.creation` subscription for contacts), and an app configured in HubSpot's UI
 * (project app or legacy private app), which the control API stands in for.
 */
import type { DeliveryTargetKind } from './deliveryTypes';
import type { EventFormat, SandboxState } from './state';

export const CONTACT_OBJECT_TYPE_ID = '0-1';

export interface DeliveryTarget {
	kind: DeliveryTargetKind;
	url: string;
	format: EventFormat;
	subscriptionId: number;
}

export function contactCreationTargets(state: SandboxState): DeliveryTarget[] {
	const targets: DeliveryTarget[] = [];
	const settings = state.webhookSettings;
	if (settings) {
		for (const subscription of state.subscriptions.values()) {
			if (!subscription.active) continue;
			const format = formatOf(subscription.eventType, subscription.objectTypeId);
			if (format) {
				targets.push({
					kind: 'v3-settings',
					url: settings.targetUrl,
					format,
					subscriptionId: Number(subscription.id),
				});
			}
		}
	}
	const app = state.appWebhookTarget;
	if (app) {
		targets.push({
			kind: 'app-config',
			url: app.url,
			format: app.eventFormat,
			subscriptionId: state.fixture.app.appConfigSubscriptionId,
		});
	}
	return targets;
}

function formatOf(eventType: string, objectTypeId: string | undefined): EventFormat | undefined {
	if (eventType === 'contact.creation') return 'legacy';
	if (eventType === 'object.creation' && objectTypeId === CONTACT_OBJECT_TYPE_ID) return 'generic';
	return undefined;
}
