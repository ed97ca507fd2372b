import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

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

/** HubSpot serves the consent page and the API from different hosts; a custom base URL serves both. */
const HUBSPOT_API = 'https://api.hubapi.com';
const authUrlExpression = `={{ (($self["baseUrl"] || "${HUBSPOT_API}").replace(/\\/+$/, "") === "${HUBSPOT_API}") ? "https://app.hubspot.com/oauth/authorize" : ($self["baseUrl"].replace(/\\/+$/, "") + "/oauth/authorize") }}`;
const tokenUrlExpression = `={{ ($self["baseUrl"] || "${HUBSPOT_API}").replace(/\\/+$/, "") + "/oauth/2026-09/token" }}`;

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
				'Leave as https://api.hubapi.com for HubSpot. Point it at a HubSpot sandbox or proxy (for example http://127.0.0.1:4010) to run the whole OAuth flow and every call there instead.',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: authUrlExpression },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: tokenUrlExpression },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: scopes.join(' ') },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}
