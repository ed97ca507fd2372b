import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { allowedBaseUrlExpression } from '../nodes/shared/transport/apiHosts';

export class HubSpotSchedulingServiceKeyApi implements ICredentialType {
	name = 'hubSpotSchedulingServiceKeyApi';

	displayName = 'HubSpot Scheduling Service Key API';

	icon: Icon = { light: 'file:../icons/hubspot.svg', dark: 'file:../icons/hubspot.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-hubspot-scheduling/n8n-nodes-hubspot-scheduling#service-key-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Key or Private App Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'pat-na1-…',
			description:
				'In HubSpot: Development → Keys → Service keys (or a legacy private app → Auth). Give it the scopes crm.objects.contacts.read, crm.objects.contacts.write, scheduler.meetings.meeting-link.read and crm.objects.owners.read.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description:
				"Leave as is for HubSpot. To test without a HubSpot account, use the local sandbox's loopback address (for example http://127.0.0.1:4010); other hosts are refused, so the key only ever goes to HubSpot or to this machine.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	// Listing one meeting link is read-only, cheap, and proves the scheduler scope the nodes need most.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${allowedBaseUrlExpression('$credentials.baseUrl')} }}`,
			url: '/scheduler/2026-09/meetings/meeting-links',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'HubSpot rejected this key (401). Copy the whole service key or private app token again; it starts with "pat-".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The key works but lacks the scope scheduler.meetings.meeting-link.read (403). Add it, together with crm.objects.contacts.read and crm.objects.contacts.write, in the key's scopes in HubSpot.",
				},
			},
		],
	};
}
