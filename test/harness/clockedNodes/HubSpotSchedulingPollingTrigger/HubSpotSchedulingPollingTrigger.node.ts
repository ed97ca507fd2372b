import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { HubSpotSchedulingPollingTrigger as PublishedNode } from '../../../../nodes/HubSpotSchedulingPollingTrigger/HubSpotSchedulingPollingTrigger.node';
import { pollNewContacts } from '../../../../nodes/HubSpotSchedulingPollingTrigger/pollNewContacts';
import { engineHooks } from '../../engineHooks';

/** The published polling trigger, reading the time from the test's clock (engineHooks.ts). */
export class HubSpotSchedulingPollingTrigger extends PublishedNode {
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewContacts.call(this, engineHooks().clientOptions);
	}
}
