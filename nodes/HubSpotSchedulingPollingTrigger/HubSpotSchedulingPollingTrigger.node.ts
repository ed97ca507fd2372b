import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { authenticationField } from '../shared/trigger/authenticationField';
import { callWindowFields } from '../shared/trigger/callWindowFields';
import { contactPropertiesField } from '../shared/trigger/contactProperties';
import { defaultPhoneCountryOption } from '../shared/trigger/phoneCountryOption';
import { pollNewContacts } from './pollNewContacts';

export class HubSpotSchedulingPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Scheduling Polling Trigger',
		name: 'hubSpotSchedulingPollingTrigger',
		icon: { light: 'file:../../icons/hubspot.svg', dark: 'file:../../icons/hubspot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New contact (polling)',
		description:
			'Starts the workflow for each new HubSpot contact, by polling; for accounts whose app cannot receive webhooks',
		defaults: { name: 'HubSpot Scheduling Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'hubSpotSchedulingOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'hubSpotSchedulingServiceKeyApi',
				required: true,
				displayOptions: { show: { authentication: ['serviceKey'] } },
			},
		],
		properties: [
			{
				displayName:
					'Checks HubSpot for new contacts on the schedule below. The first activation starts from that moment; earlier contacts are not replayed. "Fetch Test Event" shows the newest contact so you can map its fields.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			authenticationField(
				'serviceKey',
				'The credential that reads contacts (scope crm.objects.contacts.read); the same kinds the HubSpot Scheduling node uses',
			),
			contactPropertiesField,
			...callWindowFields,
			{
				displayName: 'Index Lag Allowance (Seconds)',
				name: 'indexLagSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 120,
				description:
					"HubSpot's search shows new contacts after a short delay. Each poll looks this far back again, so a contact that shows up late is still emitted (once).",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [defaultPhoneCountryOption],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewContacts.call(this);
	}
}
