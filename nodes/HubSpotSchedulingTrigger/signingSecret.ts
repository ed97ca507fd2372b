import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../shared/transport/credentialTypes';
import type { AuthenticationMethod } from '../shared/transport/credentialTypes';

/**
 * HubSpot signs deliveries with the app's client secret. An OAuth2 credential carries it already;
 * a service key or private-app token does not, so those setups add the small secret credential.
 */

export type SecretSource = 'oAuth2Credential' | 'webhookSecretCredential';

type SecretContext = IHookFunctions | IWebhookFunctions;

export type CredentialReader = (type: string) => Promise<ICredentialDataDecryptedObject>;

export async function loadSigningSecret(
	ctx: SecretContext,
	source: SecretSource,
	authentication: AuthenticationMethod,
	readCredential: CredentialReader = async (type) => await ctx.getCredentials(type),
): Promise<string> {
	if (source === 'oAuth2Credential' && authentication !== 'oAuth2') {
		throw new NodeOperationError(
			ctx.getNode(),
			'A service key or private app token has no client secret to check HubSpot signatures with',
			{
				description:
					'Set "Signing Secret From" to "Webhook Secret Credential" and paste the app\'s client secret there (the app\'s Auth tab), or switch Authentication to OAuth2.',
			},
		);
	}
	const credentialType =
		source === 'oAuth2Credential' ? CREDENTIAL_TYPES.connectedApp : CREDENTIAL_TYPES.webhookSecret;
	const credentials = await readCredential(credentialType);
	const secret =
		typeof credentials.clientSecret === 'string' ? credentials.clientSecret.trim() : '';
	if (secret === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			'The credential has no client secret to check HubSpot signatures with',
			{
				description:
					source === 'oAuth2Credential'
						? 'Fill in the Client Secret of the OAuth2 credential: it is the client secret of the HubSpot app that sends the webhooks.'
						: "Fill in the Client Secret of the webhook secret credential: the app's Auth tab shows it.",
			},
		);
	}
	return secret;
}

export interface SecretShapeVerdict {
	ok: boolean;
	message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * HubSpot has no API that confirms a client secret, so the credential test can only catch the
 * usual paste mistakes (an access token, a key with spaces) and say how the real check happens.
 */
export function checkSecretShape(value: unknown): SecretShapeVerdict {
	const secret = typeof value === 'string' ? value : '';
	const unverifiable =
		'HubSpot offers no way to verify a client secret remotely: the first signed delivery proves it (a wrong secret is answered with HTTP 401 and logged).';
	if (secret.trim() === '') return { ok: false, message: 'The client secret is empty.' };
	if (secret !== secret.trim() || /\s/.test(secret)) {
		return {
			ok: false,
			message:
				"The client secret contains spaces or line breaks; copy it again from the app's Auth tab.",
		};
	}
	if (/^(pat-|na1-|eu1-|Bearer\b)/i.test(secret)) {
		return {
			ok: false,
			message:
				'This looks like an access token or service key, not the app\'s client secret. Copy "Client secret" from the app\'s Auth tab.',
		};
	}
	if (!UUID.test(secret)) {
		return {
			ok: true,
			message: `The secret is not in HubSpot's usual xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx form; check that it is the client secret. ${unverifiable}`,
		};
	}
	return {
		ok: true,
		message: `The secret has the form of a HubSpot client secret. ${unverifiable}`,
	};
}
