import { toHubSpotApiError } from '../../../nodes/shared/transport/errors';
import { testNode } from '../../harness/testNode';

const NODE = testNode('hubSpotScheduling', { id: 'node' });

describe('toHubSpotApiError', () => {
	it.each(['ETIMEDOUT', 'ECONNRESET', 'ECONNABORTED', 'ECONNREFUSED'])(
		"keeps its own message for a %s on a booking, instead of n8n's generic one",
		(networkCode) => {
			const error = toHubSpotApiError(
				NODE,
				{ networkCode, attempts: 1, kind: 'write', what: 'book the meeting' },
				0,
			);
			expect(error.message).toBe(
				`Could not book the meeting: HubSpot did not answer (${networkCode}). Check the credential's base URL and the network, then try again.`,
			);
			expect(error.description).toBe(
				'This was a write, so it was not retried automatically: HubSpot may or may not have applied it.',
			);
			expect(error.message).not.toMatch(/Retry on Fail/);
		},
	);
});

describe('HubSpot error bodies, read field by field', () => {
	const failure = (status: number, body: unknown) =>
		toHubSpotApiError(NODE, { status, body, attempts: 1, kind: 'read', what: 'read the contact' });

	it('keeps category, message, correlationId and policyName when subCategory is an object (as the spec types it in places)', () => {
		const error = failure(429, {
			status: 'error',
			message: 'You have reached your secondly limit.',
			category: 'RATE_LIMITS',
			subCategory: { type: 'TEN_SECONDLY_ROLLING' },
			correlationId: 'a43683b0-5717-4ceb-80b4-104d02915d8c',
			policyName: 'TEN_SECONDLY_ROLLING',
		});
		expect(error.hubspot).toMatchObject({
			status: 429,
			category: 'RATE_LIMITS',
			subCategory: '{"type":"TEN_SECONDLY_ROLLING"}',
			correlationId: 'a43683b0-5717-4ceb-80b4-104d02915d8c',
			policyName: 'TEN_SECONDLY_ROLLING',
			hubspotMessage: 'You have reached your secondly limit.',
		});
	});

	it('reads each field on its own: a number where text belongs, a malformed errors list', () => {
		const error = failure(403, {
			message: "This app hasn't been granted all required scopes",
			category: 403,
			errors: [null, 'odd', { context: { requiredScopes: ['crm.objects.contacts.read', 7] } }],
		});
		expect(error.hubspot).toMatchObject({
			category: '403',
			requiredScopes: ['crm.objects.contacts.read'],
		});
		expect(error.message).toContain('missing the scope crm.objects.contacts.read');
	});

	it('a body that is not JSON still gives the status and the start of what came back', () => {
		const html = '<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>';
		expect(failure(502, html).message).toBe(
			'Could not read the contact: HubSpot had a server error (502 with a body that is not JSON: "502 Bad Gateway nginx"). Try again in a moment.',
		);
		expect(failure(418, 'I am a teapot').message).toBe(
			'Could not read the contact: HubSpot answered 418 with a body that is not JSON: "I am a teapot".',
		);
		expect(failure(400, undefined).message).toBe(
			'Could not read the contact: HubSpot answered 400.',
		);
	});

	it('a JSON body sent as text is parsed', () => {
		const error = failure(404, '{"message":"Object not found","category":"OBJECT_NOT_FOUND"}');
		expect(error.message).toBe(
			'Could not read the contact: HubSpot could not find it: Object not found.',
		);
		expect(error.hubspot.category).toBe('OBJECT_NOT_FOUND');
	});
});
