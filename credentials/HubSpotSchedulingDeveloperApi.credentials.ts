import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { allowedBaseUrlExpression } from '../nodes/shared/transport/apiHosts';

/**
 * Only for the trigger's "Automatic (legacy public app)" mode: HubSpot's v3 webhooks management API
 * accepts nothing but a developer API key, sent as the `hapikey` query parameter.
 */
export class HubSpotSchedulingDeveloperApi implements ICredentialType {
	name = 'hubSpotSchedulingDeveloperApi';

	displayName = 'HubSpot Scheduling Developer API';

	icon: Icon = { light: 'file:../icons/hubspot.svg', dark: 'file:../icons/hubspot.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-hubspot-scheduling/n8n-nodes-hubspot-scheduling#legacy-public-app-automatic-mode';

	properties: INodeProperties[] = [
		{
			displayName: 'Developer API Key',
			name: 'developerApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In your HubSpot developer account: Apps → Get HubSpot API key. It manages the webhook settings of the legacy public apps in that developer account.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '54321',
			description: 'The number shown on the legacy public app\'s Auth page, under "App ID"',
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
			qs: { hapikey: '={{$credentials.developerApiKey}}' },
		},
	};

	// Listing the app's subscriptions is read-only and proves both the key and the app ID.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${allowedBaseUrlExpression('$credentials.baseUrl')} }}`,
			url: '=/app-webhooks/2026-09/{{$credentials.appId}}/subscriptions',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'HubSpot rejected the developer API key (401). Copy it again from your developer account (Apps → Get HubSpot API key).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The developer API key does not own this app (403). Use the key of the developer account that owns the app.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						"HubSpot does not know this App ID for this developer account (404). Copy the App ID from the legacy public app's Auth page.",
				},
			},
		],
	};
}
