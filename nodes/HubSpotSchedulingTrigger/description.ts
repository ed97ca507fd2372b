import type { INodeProperties } from 'n8n-workflow';

import { authenticationField } from '../shared/trigger/authenticationField';
import { callWindowFields } from '../shared/trigger/callWindowFields';
import { contactPropertiesField } from '../shared/trigger/contactProperties';
import { defaultPhoneCountryOption } from '../shared/trigger/phoneCountryOption';

export const WEBHOOK_PATH = 'hubspot-contact-created';

const appConfigurationSetup =
	'Nothing is registered for you in this mode. Copy the Production URL from "Webhook URLs" above into your HubSpot app, then activate this workflow. ' +
	'Project app: in src/app/webhooks/webhooks-hsmeta.json set config.settings.targetUrl to the URL, add {"subscriptionType": "object.creation", "objectType": "contact", "active": true} to config.subscriptions.crmObjects, and run "hs project upload". ' +
	'Legacy private app: Settings → Integrations → Private Apps → your app → Webhooks: set Target URL to the URL, then Create subscription → Contact → "Created". ' +
	"HubSpot signs deliveries with the app's client secret (the app's Auth tab).";

const automaticSetup =
	"On activation this node sets the target URL of your legacy public app to this trigger's Production URL and subscribes it to contact creation; on deactivation it removes what it added. " +
	"It refuses to change an app that already sends to another URL. Needs the app's developer API key and App ID (HubSpot Scheduling Developer API credential), and the app's client secret for signatures (its OAuth2 credential).";

/** From version 1.1 on (version 1 keeps its fields so saved workflows behave as before). */
const fromVersion11 = { '@version': [{ _cnd: { gte: 1.1 } }] };

const secretFromOptions = {
	oAuth2Credential: {
		name: 'OAuth2 Credential',
		value: 'oAuth2Credential',
		description: 'Use the client secret stored in the OAuth2 credential above',
	},
	webhookSecretCredential: {
		name: 'Webhook Secret Credential',
		value: 'webhookSecretCredential',
		description:
			"Use a separate credential holding only the app's client secret (private apps, service keys)",
	},
};

/**
 * Where the signing secret comes from. A service key or private app token has no client secret, so
 * from version 1.1 a service key always uses the webhook secret credential and the choice is only
 * offered with OAuth2. Version 1 keeps one choice for both (default OAuth2 Credential), which with a
 * service key shows a notice and refuses activation until it is changed.
 */
const signingSecretFields: INodeProperties[] = [
	{
		displayName: 'Signing Secret From',
		name: 'secretFrom',
		type: 'options',
		options: [secretFromOptions.oAuth2Credential, secretFromOptions.webhookSecretCredential],
		default: 'oAuth2Credential',
		displayOptions: { show: { verifySignature: [true], '@version': [1] } },
	},
	{
		displayName:
			'A service key or private app token has no client secret. Choose "Webhook Secret Credential" and paste the app\'s client secret there.',
		name: 'secretMismatchNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: {
				verifySignature: [true],
				authentication: ['serviceKey'],
				secretFrom: ['oAuth2Credential'],
				'@version': [1],
			},
		},
	},
	{
		displayName: 'Signing Secret From',
		name: 'secretFrom',
		type: 'options',
		options: [secretFromOptions.oAuth2Credential, secretFromOptions.webhookSecretCredential],
		default: 'oAuth2Credential',
		description: "Where the HubSpot app's client secret that signs the deliveries is stored",
		displayOptions: {
			show: { verifySignature: [true], authentication: ['oAuth2'], ...fromVersion11 },
		},
	},
	{
		// Not a choice with a service key: only the webhook secret credential can hold the secret.
		displayName: 'Signing Secret From',
		name: 'secretFrom',
		type: 'hidden',
		default: 'webhookSecretCredential',
		displayOptions: {
			show: { verifySignature: [true], authentication: ['serviceKey'], ...fromVersion11 },
		},
	},
];

export const webhookTriggerProperties: INodeProperties[] = [
	{
		// n8n's node panel lists each option of a field labelled "Event" as one of the trigger's events.
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Contact Created',
				value: 'contactCreated',
				action: 'On contact created',
				description: 'Start the workflow when a contact is created in HubSpot',
			},
		],
		default: 'contactCreated',
	},
	{
		displayName: 'How to Subscribe',
		name: 'subscriptionMode',
		type: 'options',
		options: [
			{
				name: 'App Configuration (Project App or Legacy Private App)',
				value: 'appConfiguration',
				description:
					"Add this trigger's URL and a contact creation subscription to the app's configuration yourself",
			},
			{
				name: 'Automatic (Legacy Public App)',
				value: 'automatic',
				description:
					"Let the node register itself through HubSpot's webhooks API with a developer API key",
			},
		],
		default: 'appConfiguration',
	},
	{
		displayName: appConfigurationSetup,
		name: 'appConfigurationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { subscriptionMode: ['appConfiguration'] } },
	},
	{
		displayName: automaticSetup,
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { subscriptionMode: ['automatic'] } },
	},
	authenticationField(
		'oAuth2',
		'The credential that reads the new contacts (scope crm.objects.contacts.read). With OAuth2, its client secret can also check the signatures.',
	),
	{
		displayName: 'Verify Signatures',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to accept only deliveries signed by your HubSpot app: X-HubSpot-Signature-v3 for OAuth apps (the OAuth2 credential), also v1/v2 for private apps (the webhook secret credential). Unsigned, forged and stale requests get HTTP 401, and an event delivered again starts nothing.',
	},
	{
		displayName:
			'Anyone who learns this URL can start the workflow with made-up contacts. Keep signature verification on unless you test locally.',
		name: 'unverifiedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignature: [false] } },
	},
	...signingSecretFields,
	{
		displayName: 'Fetch Contact Properties',
		name: 'enrich',
		type: 'boolean',
		default: true,
		description:
			"Whether to read the new contacts' properties from HubSpot (one batch request per delivery). Without it, items carry only the contact ID.",
	},
	{ ...contactPropertiesField, displayOptions: { show: { enrich: [true] } } },
	...callWindowFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			defaultPhoneCountryOption,
			{
				displayName: 'Public Webhook URL',
				name: 'publicWebhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/hubspot-contact-created',
				description:
					'The exact URL HubSpot calls, when it differs from the Production URL above (n8n behind a reverse proxy or tunnel without WEBHOOK_URL set). When set, signatures must be made for this URL and no other, and Automatic mode registers it. When empty, the Production URL and the URL the proxy reports (X-Forwarded-Proto/-Host) are accepted.',
			},
		],
	},
];
