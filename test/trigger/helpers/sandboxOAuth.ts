import type { IDataObject } from 'n8n-workflow';

const CLIENT_ID = 'sandbox-client-id';
const CLIENT_SECRET = 'sandbox-client-secret';
const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';

/** Runs the sandbox's OAuth authorization-code flow as n8n's OAuth2 credential would, and returns the token data n8n stores. */
export async function sandboxOAuthToken(sandboxUrl: string): Promise<IDataObject> {
	const authorize = new URL(`${sandboxUrl}/oauth/authorize`);
	authorize.searchParams.set('client_id', CLIENT_ID);
	authorize.searchParams.set('scope', 'oauth crm.objects.contacts.read crm.objects.contacts.write');
	authorize.searchParams.set('redirect_uri', REDIRECT_URI);
	const consent = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
	if (code === null)
		throw new Error(`The sandbox did not grant a code: ${consent.headers.get('location')}`);
	const token = await fetch(`${sandboxUrl}/oauth/2026-09/token`, {
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
	if (token.status !== 200) throw new Error(`The sandbox refused the code: ${await token.text()}`);
	return (await token.json()) as IDataObject;
}
