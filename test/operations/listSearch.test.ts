import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchMeetingLinks } from '../../nodes/HubSpotScheduling/methods/listSearch';
import type { Sandbox } from '../../sandbox/server';
import { sendToSandbox } from '../harness/sandboxRequests';
import { apiCalls, SERVICE_KEY, startPinnedSandbox } from './helpers/schedulingRun';
import { serviceKeyReference, testNode } from '../harness/testNode';

/**
 * The meeting-link picker runs in n8n's editor, outside any workflow execution, so the engine
 * harness cannot drive it. A minimal load-options context does the HTTP for real against the sandbox
 * (sendToSandbox, as n8n's request helper would).
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startPinnedSandbox();
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

function loadOptionsContext(): ILoadOptionsFunctions {
	const node = testNode('hubSpotScheduling', {
		id: 'picker',
		credentials: serviceKeyReference('picker-credential'),
	});
	const credentials = {
		hubSpotSchedulingServiceKeyApi: { accessToken: SERVICE_KEY, baseUrl: sandbox.url },
	};
	const context = {
		getNodeParameter: (name: string, fallback: unknown) =>
			name === 'authentication' ? 'serviceKey' : fallback,
		getCredentials: async (type: string) => ({
			...credentials[type as keyof typeof credentials],
		}),
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) =>
				await sendToSandbox(node, type, options, credentials),
		},
	};
	return context as unknown as ILoadOptionsFunctions;
}

describe('Meeting link picker', () => {
	it("lists the account's meeting links by name, with their slugs as values", async () => {
		const result = await searchMeetingLinks.call(loadOptionsContext());

		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: '/scheduler/2026-09/meetings/meeting-links', query: { limit: '100' } },
		]);
		expect(result).toEqual({
			results: [
				{
					name: 'Product Demo (alex-demo)',
					value: 'alex-demo',
					url: 'https://meetings.hubspot.com/alex-demo',
				},
				{
					name: 'AI Booked Call (team/ai-booked-call)',
					value: 'team/ai-booked-call',
					url: 'https://meetings.hubspot.com/team/ai-booked-call',
				},
				{
					name: 'Weekend Support Consult (busy-only)',
					value: 'busy-only',
					url: 'https://meetings.hubspot.com/busy-only',
				},
				{
					name: 'Callback with Morgan (offline-rep)',
					value: 'offline-rep',
					url: 'https://meetings.hubspot.com/offline-rep',
				},
				{
					name: 'Onboarding Session (no-guests)',
					value: 'no-guests',
					url: 'https://meetings.hubspot.com/no-guests',
				},
				{
					name: 'Consultation (EU) (alex-consent-implicit)',
					value: 'alex-consent-implicit',
					url: 'https://meetings.hubspot.com/alex-consent-implicit',
				},
				{
					name: 'Consultation (consent required) (alex-consent-checkbox)',
					value: 'alex-consent-checkbox',
					url: 'https://meetings.hubspot.com/alex-consent-checkbox',
				},
			],
			paginationToken: undefined,
		});
	});

	it('lets HubSpot filter by the typed name', async () => {
		const result = await searchMeetingLinks.call(loadOptionsContext(), 'demo');

		expect(apiCalls(sandbox)).toEqual([
			{
				method: 'GET',
				path: '/scheduler/2026-09/meetings/meeting-links',
				query: { limit: '100', name: 'demo' },
			},
		]);
		expect(result.results.map((link) => link.value)).toEqual(['alex-demo']);
	});
});
