import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The signing secret for apps whose n8n connection is not OAuth2 (legacy private apps, project apps
 * with a static token). HubSpot has no endpoint that checks a client secret, so the trigger node's
 * `testedBy` method can only check its shape; the real proof is the first signed delivery.
 */
export class HubSpotSchedulingWebhookSecretApi implements ICredentialType {
	name = 'hubSpotSchedulingWebhookSecretApi';

	displayName = 'HubSpot Scheduling Webhook Secret API';

	icon: Icon = { light: 'file:../icons/hubspot.svg', dark: 'file:../icons/hubspot.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-hubspot-scheduling/n8n-nodes-hubspot-scheduling#webhook-signing-secret-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
			description:
				'The client secret of the HubSpot app that sends the webhooks: a project app\'s Auth tab, or a legacy private app\'s Auth tab ("Client secret"). HubSpot signs every delivery with it.',
		},
	];
}
