import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { HubSpotSchedulingTrigger as PublishedNode } from '../../../../nodes/HubSpotSchedulingTrigger/HubSpotSchedulingTrigger.node';
import { receiveDelivery } from '../../../../nodes/HubSpotSchedulingTrigger/receiveDelivery';
import { engineHooks } from '../../engineHooks';

/** The published trigger, reading the time from the test's clock (engineHooks.ts). */
export class HubSpotSchedulingTrigger extends PublishedNode {
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this, engineHooks().clientOptions);
	}
}
