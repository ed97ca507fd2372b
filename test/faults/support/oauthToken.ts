import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import type { Credential } from './faultSuite';

const CLIENT_ID = 'sandbox-client-id';
const CLIENT_SECRET = 'sandbox-client-secret';
const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';
const SCOPES =
	'oauth crm.objects.contacts.read crm.objects.contacts.write scheduler.meetings.meeting-link.read';

/** The sandbox's authorization-code flow as n8n's OAuth2 credential runs it; returns what n8n stores. */
export async function connectOAuth2(sandbox: Sandbox): Promise<Credential> {
	const authorize = new URL(`${sandbox.url}/oauth/authorize`);
	authorize.searchParams.set('client_id', CLIENT_ID);
	authorize.searchParams.set('scope', SCOPES);
	authorize.searchParams.set('redirect_uri', REDIRECT_URI);
	const consent = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
	if (code === null)
		throw new Error(`The sandbox granted no code: ${consent.headers.get('location')}`);
	const response = await fetch(`${sandbox.url}/oauth/v1/token`, {
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

export function accessTokenOf(credential: { oauthTokenData?: unknown }): string {
	return String((credential.oauthTokenData as IDataObject | undefined)?.access_token ?? '');
}
