import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { allowedBaseUrlExpression, HUBSPOT_API_BASE_URL } from '../nodes/shared/transport/apiHosts';

/**
 * `oauth` must be requested explicitly: without it HubSpot rejects the install with a scope mismatch
 * (n8n-io/n8n#23204). The contacts write scope also authorises scheduler bookings and the calendar
 * endpoint; the owners scope maps a link's users to CRM owners (CRM Record bookings, and scoping
 * Cancel and Reschedule to a meeting link's people).
 */
const scopes = [
	'oauth',
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'scheduler.meetings.meeting-link.read',
	'crm.objects.owners.read',
];

/**
 * HubSpot serves the consent page and the API from different hosts; a loopback base URL (the sandbox)
 * serves both. The base URL goes through the allow-list first: a host that is neither HubSpot's API
 * nor loopback becomes HubSpot's, so the refresh token and client secret can never be sent elsewhere.
 */
const HUBSPOT_API = HUBSPOT_API_BASE_URL;
const apiBase = allowedBaseUrlExpression('$self["baseUrl"]');
const authUrlExpression = `={{ /^https:\\/\\/api\\.hub(?:api|spot)\\.com/i.test(${apiBase}) ? "https://app.hubspot.com/oauth/authorize" : ${apiBase} + "/oauth/authorize" }}`;
const tokenUrlExpression = `={{ ${apiBase} + "/oauth/2026-09/token" }}`;

export class HubSpotSchedulingOAuth2Api implements ICredentialType {
	name = 'hubSpotSchedulingOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Scheduling OAuth2 API';

	icon: Icon = { light: 'file:../icons/hubspot.svg', dark: 'file:../icons/hubspot.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-hubspot-scheduling/n8n-nodes-hubspot-scheduling#oauth2-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: HUBSPOT_API,
			description:
				"Leave as https://api.hubapi.com for HubSpot. Only HubSpot's API hosts and loopback addresses are accepted: to run the whole OAuth flow and every call against the local sandbox, use its address (for example http://127.0.0.1:4010).",
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: authUrlExpression,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: tokenUrlExpression,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: scopes.join(' ') },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}
