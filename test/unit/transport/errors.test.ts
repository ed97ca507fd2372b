import type { INode } from 'n8n-workflow';

import { toHubSpotApiError } from '../../../nodes/shared/transport/errors';

const NODE: INode = {
	id: 'node',
	name: 'HubSpot Scheduling',
	type: 'n8n-nodes-hubspot-scheduling.hubSpotScheduling',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

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
