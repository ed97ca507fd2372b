import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { HubSpotClient } from '../../../nodes/shared/transport/client';
import type { Clock } from '../../../nodes/shared/transport/pacing';
import { serviceKeyReference, testNode } from '../../harness/testNode';

/**
 * Which thrown errors count as "HubSpot may not have seen the request" (and so let a safe read be
 * repeated): only the connection failures the transport lists. A thrown error with any other code,
 * or none, would fail the same way again and is reported at once.
 */

const node = testNode('hubSpotScheduling', { credentials: serviceKeyReference('network-codes') });

const clock: Clock = { now: () => 1_800_000_000_000, sleep: async () => {}, random: () => 0 };

async function readThrough(
	code: string | undefined,
): Promise<{ attempts: number; error: unknown }> {
	let attempts = 0;
	const context = {
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async () => {
				attempts++;
				throw Object.assign(new Error('request failed'), code === undefined ? {} : { code });
			},
		},
	} as unknown as IExecuteFunctions;
	const hubspot = await HubSpotClient.connect(context, 'hubSpotSchedulingServiceKeyApi', {
		clock,
		credentials: { accessToken: 'pat-na1-x', baseUrl: 'http://127.0.0.1:4010' },
	});
	const error = await hubspot
		.request(
			{ method: 'GET', path: '/crm/objects/2026-09/contacts/1', what: 'read the contact' },
			z.unknown(),
		)
		.then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
	return { attempts, error };
}

describe('network failures and other thrown errors', () => {
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'])(
		'%s is a connection failure: a read is tried again',
		async (code) => {
			const { attempts, error } = await readThrough(code);
			expect(attempts).toBeGreaterThan(1);
			expect((error as Error).message).toContain(code);
		},
	);

	it.each(['ERR_INVALID_URL', 'ERR_SOMETHING_ELSE', undefined])(
		'%s is not a connection failure: one attempt, and the error names it',
		async (code) => {
			const { attempts, error } = await readThrough(code);
			expect(attempts).toBe(1);
			expect((error as Error).message).toContain(code ?? 'UNKNOWN_ERROR');
		},
	);
});
