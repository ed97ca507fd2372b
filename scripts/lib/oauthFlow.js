'use strict';

/**
 * Connects an OAuth2 credential of a running n8n the way a user's browser does: n8n builds the
 * authorization URL (`/rest/oauth2-credential/auth`), the provider's consent page redirects back to
 * n8n's callback with a code, and n8n exchanges the code for tokens. The callback needs no login when
 * n8n runs with N8N_SKIP_AUTH_ON_OAUTH_CALLBACK=true (as `n8nEnv` sets it).
 * Works with a provider whose consent page approves at once (the HubSpot sandbox).
 * @param {{ n8nUrl: string, cookie: string, credentialId: string }} options
 * @returns {Promise<{ authorizationUrl: string, callbackUrl: string }>}
 */
async function connectOAuth2({ n8nUrl, cookie, credentialId }) {
	const auth = await fetch(
		`${n8nUrl}/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
		{
			headers: { cookie },
		},
	);
	if (!auth.ok)
		throw new Error(`n8n refused to start the OAuth2 flow: ${auth.status} ${await auth.text()}`);
	const authorizationUrl = /** @type {{ data: string }} */ (await auth.json()).data;

	const consent = await fetch(authorizationUrl, { redirect: 'manual' });
	const callbackUrl = consent.headers.get('location');
	if (consent.status < 300 || consent.status >= 400 || !callbackUrl) {
		throw new Error(
			`the consent page answered ${consent.status} without a redirect: ${await consent.text()}`,
		);
	}
	const redirect = new URL(callbackUrl);
	if (redirect.searchParams.has('error')) {
		throw new Error(
			`the provider refused: ${redirect.searchParams.get('error')} ${redirect.searchParams.get('error_description') ?? ''}`,
		);
	}

	const callback = await fetch(callbackUrl);
	const page = await callback.text();
	if (!callback.ok || !page.includes('Connection successful')) {
		throw new Error(`n8n's OAuth2 callback did not connect the credential (${callback.status})`);
	}
	return { authorizationUrl, callbackUrl };
}

module.exports = { connectOAuth2 };
