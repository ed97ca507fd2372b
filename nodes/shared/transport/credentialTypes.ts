/**
 * Credential type names used in code, so a rename cannot leave one node behind. The node classes'
 * `credentials` lists keep the names as literals, because n8n's lint reads them there (a credential
 * must be tested by the node that names it); test/unit/transport/credentialTypes.test.ts checks that
 * those literals and the credential classes agree with this module.
 */
export const CREDENTIAL_TYPES = {
	/** OAuth2: the user connects HubSpot through a public or their own app. */
	connectedApp: 'hubSpotSchedulingOAuth2Api',
	/** A service key or private app access token. */
	serviceKey: 'hubSpotSchedulingServiceKeyApi',
	/** The trigger's signing secret when it is not the OAuth app's client secret. */
	webhookSecret: 'hubSpotSchedulingWebhookSecretApi',
	/** The trigger's developer key, for registering the webhooks of a legacy public app. */
	developer: 'hubSpotSchedulingDeveloperApi',
} as const;

export type AuthenticationMethod = 'oAuth2' | 'serviceKey';

export function credentialTypeFor(method: AuthenticationMethod): string {
	return method === 'oAuth2' ? CREDENTIAL_TYPES.connectedApp : CREDENTIAL_TYPES.serviceKey;
}
