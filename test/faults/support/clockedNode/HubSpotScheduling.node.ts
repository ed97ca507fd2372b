import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { HubSpotScheduling as PublishedNode } from '../../../../nodes/HubSpotScheduling/HubSpotScheduling.node';
import { route } from '../../../../nodes/HubSpotScheduling/actions/router';
import { faultHooks } from '../faultHooks';

/**
 * The published node with one difference: its router gets the test's client options (a virtual
 * clock, so retries and pacing wait without sleeping), and every error it throws is recorded.
 */
export class HubSpotScheduling extends PublishedNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const hooks = faultHooks();
		try {
			return await route.call(this, hooks.clientOptions);
		} catch (error) {
			hooks.thrown.push(error);
			throw error;
		}
	}
}
