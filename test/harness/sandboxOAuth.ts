import type { IDataObject } from 'n8n-workflow';

import { HubSpotSchedulingOAuth2Api } from '../../credentials/HubSpotSchedulingOAuth2Api.credentials';
import type { Sandbox } from '../../sandbox/server';

const CLIENT_ID = 'sandbox-client-id';
const CLIENT_SECRET = 'sandbox-client-secret';
const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';
/** The scopes the published credential asks for on "Connect my account", so every test is granted what users are. */
const SCOPES = String(
	new HubSpotSchedulingOAuth2Api().properties.find((property) => property.name === 'scope')
		?.default ?? '',
);

export interface OAuthCredential {
	type: 'hubSpotSchedulingOAuth2Api';
	data: { clientId: string; clientSecret: string; baseUrl: string; oauthTokenData: IDataObject };
}

/**
 * What n8n stores after "Connect my account": the sandbox's consent page grants a code, and the
 * token endpoint trades it for an access and a refresh token. The one OAuth helper of every suite
 * (the actions, the faults and the triggers).
 */
export async function connectOAuth2(sandbox: Sandbox): Promise<OAuthCredential> {
	const authorize = new URL(`${sandbox.url}/oauth/authorize`);
	authorize.searchParams.set('client_id', CLIENT_ID);
	authorize.searchParams.set('scope', SCOPES);
	authorize.searchParams.set('redirect_uri', REDIRECT_URI);
	const consent = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
	if (code === null)
		throw new Error(`The sandbox granted no code: ${consent.headers.get('location')}`);
	const response = await fetch(`${sandbox.url}/oauth/2026-09/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
			redirect_uri: REDIRECT_URI,
			code,
		}),
	});
	if (response.status !== 200)
		throw new Error(`The sandbox refused the code: ${await response.text()}`);
	const oauthTokenData = (await response.json()) as IDataObject;
	return {
		type: 'hubSpotSchedulingOAuth2Api',
		data: {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			baseUrl: sandbox.url,
			oauthTokenData,
		},
	};
}

/** The access token inside a stored OAuth2 credential's data. */
export function accessTokenOf(data: { oauthTokenData?: unknown }): string {
	return String((data.oauthTokenData as IDataObject | undefined)?.access_token ?? '');
}
