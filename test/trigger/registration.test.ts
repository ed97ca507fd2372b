import type { INode } from 'n8n-workflow';

import {
	isRegistered,
	register,
	unregister,
} from '../../nodes/HubSpotSchedulingTrigger/registration';
import type { Registration } from '../../nodes/HubSpotSchedulingTrigger/registration';
import type { WebhookSubscription, WebhooksApi } from '../../nodes/shared/hubspot/webhooks';

const node: INode = {
	id: 'n1',
	name: 'HubSpot Scheduling Trigger',
	type: 'n8n-nodes-hubspot-scheduling.hubSpotSchedulingTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const OUR_URL = 'https://n8n.example.com/webhook/abc/hubspot-contact-created';
const OURS = { url: OUR_URL, testRun: false };
const OTHER_URL = 'https://other.example.com/hooks/hubspot';

/** The v3 management API as state, recording every change so tests can assert what was touched. */
class FakeWebhooksApi implements WebhooksApi {
	readonly appId = '54321';
	targetUrl: string | null = null;
	subscriptions: WebhookSubscription[] = [];
	changes: string[] = [];
	private nextId = 100;

	async readSettings() {
		return this.targetUrl === null ? null : { targetUrl: this.targetUrl };
	}
	async writeSettings(targetUrl: string) {
		this.changes.push(`PUT settings ${targetUrl}`);
		this.targetUrl = targetUrl;
	}
	async deleteSettings() {
		this.changes.push('DELETE settings');
		this.targetUrl = null;
	}
	async listSubscriptions() {
		return this.subscriptions.map((subscription) => ({ ...subscription }));
	}
	async createSubscription(eventType: string) {
		const created = { id: String(this.nextId++), eventType, active: true };
		this.changes.push(`POST subscription ${eventType}`);
		this.subscriptions.push(created);
		return { ...created };
	}
	async setSubscriptionActive(id: string, active: boolean) {
		const subscription = this.subscriptions.find((candidate) => candidate.id === id);
		if (!subscription) return 'absent' as const;
		this.changes.push(`PATCH ${id} active=${active}`);
		subscription.active = active;
		return 'done' as const;
	}
	async deleteSubscription(id: string) {
		const before = this.subscriptions.length;
		this.subscriptions = this.subscriptions.filter((subscription) => subscription.id !== id);
		if (this.subscriptions.length === before) return 'absent' as const;
		this.changes.push(`DELETE ${id}`);
		return 'done' as const;
	}
}

describe('automatic registration', () => {
	let api: FakeWebhooksApi;
	beforeEach(() => {
		api = new FakeWebhooksApi();
	});

	it('sets the target URL and creates the subscription on a fresh app, then undoes both', async () => {
		expect(await isRegistered(node, api, OURS)).toBe(false);
		const registration = await register(node, api, OURS, undefined);
		expect(registration).toEqual({
			appId: '54321',
			targetUrl: OUR_URL,
			subscriptionId: '100',
			ownership: 'created',
			settingsCreated: true,
		});
		expect(await isRegistered(node, api, OURS)).toBe(true);

		const report = await unregister(api, registration);
		expect(report).toEqual({ subscription: 'deleted', settings: 'deleted' });
		expect(api.changes).toEqual([
			`PUT settings ${OUR_URL}`,
			'POST subscription contact.creation',
			'DELETE 100',
			'DELETE settings',
		]);
	});

	it('refuses to take over an app that delivers to another URL, and changes nothing', async () => {
		api.targetUrl = OTHER_URL;
		api.subscriptions = [{ id: '7', eventType: 'deal.creation', active: true }];
		const expected = `HubSpot app 54321 already sends its webhooks to ${OTHER_URL}, not to this trigger (${OUR_URL}).`;
		await expect(isRegistered(node, api, OURS)).rejects.toThrow(expected);
		await expect(register(node, api, OURS, undefined)).rejects.toThrow(expected);
		expect(api.changes).toEqual([]);
	});

	it('never deletes subscriptions it did not create', async () => {
		api.targetUrl = OUR_URL;
		api.subscriptions = [
			{ id: '7', eventType: 'deal.creation', active: true },
			{ id: '8', eventType: 'contact.creation', active: true },
		];
		const registration = await register(node, api, OURS, undefined);
		expect(registration.ownership).toBe('borrowed');
		expect(registration.settingsCreated).toBe(false);
		expect(await unregister(api, registration)).toEqual({
			subscription: 'left in place',
			settings: 'left in place',
		});
		expect(api.changes).toEqual([]);
		expect(api.subscriptions.map((subscription) => subscription.id)).toEqual(['7', '8']);
	});

	it('keeps the target URL when other subscriptions of the app remain after removing its own', async () => {
		const registration = await register(node, api, OURS, undefined);
		api.subscriptions.push({ id: '9', eventType: 'deal.creation', active: true });
		expect(await unregister(api, registration)).toEqual({
			subscription: 'deleted',
			settings: 'left in place',
		});
		expect(api.targetUrl).toBe(OUR_URL);
	});

	it('switches on a paused contact.creation subscription and pauses it again on removal', async () => {
		api.targetUrl = OUR_URL;
		api.subscriptions = [{ id: '8', eventType: 'contact.creation', active: false }];
		expect(await isRegistered(node, api, OURS)).toBe(false);
		const registration = await register(node, api, OURS, undefined);
		expect(registration.ownership).toBe('activated');
		expect(await unregister(api, registration)).toEqual({
			subscription: 'paused',
			settings: 'left in place',
		});
		expect(api.changes).toEqual(['PATCH 8 active=true', 'PATCH 8 active=false']);
	});

	it('remembers ownership across a repeated activation', async () => {
		const first = await register(node, api, OURS, undefined);
		const again = await register(node, api, OURS, first);
		expect(again).toEqual(first);
		expect(api.changes).toEqual([`PUT settings ${OUR_URL}`, 'POST subscription contact.creation']);
	});

	it('reports a subscription someone else already removed, and still releases the URL', async () => {
		const registration: Registration = await register(node, api, OURS, undefined);
		api.subscriptions = [];
		expect(await unregister(api, registration)).toEqual({
			subscription: 'already gone',
			settings: 'deleted',
		});
	});

	it('leaves the settings alone when they were changed to another URL meanwhile', async () => {
		const registration = await register(node, api, OURS, undefined);
		api.targetUrl = OTHER_URL;
		expect(await unregister(api, registration)).toEqual({
			subscription: 'deleted',
			settings: 'left in place',
		});
		expect(api.targetUrl).toBe(OTHER_URL);
	});
});
