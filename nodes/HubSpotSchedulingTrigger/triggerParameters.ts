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
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as AuthenticationMethod;
	return {
		subscriptionMode: ctx.getNodeParameter(
			'subscriptionMode',
			'appConfiguration',
		) as SubscriptionMode,
		authentication,
		verifySignature: ctx.getNodeParameter('verifySignature', true) !== false,
		secretFrom: readSecretSource(ctx, authentication),
		publicWebhookUrl: checkedPublicUrl(ctx, options.publicWebhookUrl),
		enrich: ctx.getNodeParameter('enrich', true) !== false,
	};
}

/** Version 1.1 on: a service key has no client secret, so only the webhook secret credential can sign. */
function readSecretSource(ctx: Context, authentication: AuthenticationMethod): SecretSource {
	if (ctx.getNode().typeVersion >= 1.1 && authentication === 'serviceKey') {
		return 'webhookSecretCredential';
	}
	return ctx.getNodeParameter('secretFrom', 'oAuth2Credential') as SecretSource;
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
