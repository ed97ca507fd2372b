import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { AuthenticationMethod } from '../shared/transport/credentialTypes';
import type { SecretSource } from './signingSecret';

export type SubscriptionMode = 'appConfiguration' | 'automatic';

export interface WebhookTriggerParameters {
	subscriptionMode: SubscriptionMode;
	authentication: AuthenticationMethod;
	verifySignature: boolean;
	secretFrom: SecretSource;
	/** The URL HubSpot calls when it differs from n8n's own webhook URL (reverse proxy, tunnel). */
	publicWebhookUrl?: string;
	enrich: boolean;
}

type Context = IHookFunctions | IWebhookFunctions;

export function readTriggerParameters(ctx: Context): WebhookTriggerParameters {
	const options = ctx.getNodeParameter('options', {}) as { publicWebhookUrl?: string };
	return {
		subscriptionMode: ctx.getNodeParameter(
			'subscriptionMode',
			'appConfiguration',
		) as SubscriptionMode,
		authentication: ctx.getNodeParameter('authentication', 'oAuth2') as AuthenticationMethod,
		verifySignature: ctx.getNodeParameter('verifySignature', true) !== false,
		secretFrom: ctx.getNodeParameter('secretFrom', 'oAuth2Credential') as SecretSource,
		publicWebhookUrl: checkedPublicUrl(ctx, options.publicWebhookUrl),
		enrich: ctx.getNodeParameter('enrich', true) !== false,
	};
}

function checkedPublicUrl(ctx: Context, value: string | undefined): string | undefined {
	const url = value?.trim() ?? '';
	if (url === '') return undefined;
	if (!/^https?:\/\/[^\s/]+/i.test(url)) {
		throw new NodeOperationError(ctx.getNode(), `"${url}" is not a full URL`, {
			description:
				'Public Webhook URL must be the complete address HubSpot calls, starting with https://, for example https://n8n.example.com/webhook/1c2d…/hubspot-contact-created.',
		});
	}
	return url;
}
