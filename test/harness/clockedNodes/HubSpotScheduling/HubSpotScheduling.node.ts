import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { HubSpotScheduling as PublishedNode } from '../../../../nodes/HubSpotScheduling/HubSpotScheduling.node';
import { route } from '../../../../nodes/HubSpotScheduling/actions/router';
import { engineHooks } from '../../engineHooks';

/**
 * The published node with one difference: its router gets the test's client options (the test's
 * clock, so "now", retries and pacing follow it), and every error it throws is recorded.
 */
export class HubSpotScheduling extends PublishedNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const hooks = engineHooks();
		try {
			return await route.call(this, hooks.clientOptions);
		} catch (error) {
			hooks.thrown.push(error);
			throw error;
		}
	}
}
