import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { answerWithinField } from './actions/common/fields';
import { operationField, operationProperties, operationSubtitle } from './actions/operations';
import { route } from './actions/router';
import { searchMeetingLinks } from './methods/listSearch';

export class HubSpotScheduling implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Scheduling',
		name: 'hubSpotScheduling',
		icon: { light: 'file:../../icons/hubspot.svg', dark: 'file:../../icons/hubspot.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle,
		description:
			'Find free times on a HubSpot meeting link, book, cancel or move a meeting, and recognise a caller by phone number or email',
		defaults: { name: 'HubSpot Scheduling' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
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
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Service Key or Private App Token', value: 'serviceKey' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'serviceKey',
			},
			operationField,
			...operationProperties,
			answerWithinField,
		],
	};

	methods = { listSearch: { searchMeetingLinks } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
