/** Credential type names shared by the nodes, so a rename cannot leave one node behind. */

export const DEFAULT_API_BASE_URL = 'https://api.hubapi.com';

export type AuthenticationMethod = 'oAuth2' | 'serviceKey';

export function credentialTypeFor(method: AuthenticationMethod): string {
	return method === 'oAuth2' ? 'hubSpotSchedulingOAuth2Api' : 'hubSpotSchedulingServiceKeyApi';
}

/** Accepts what users paste ("api.hubapi.com/", "http://127.0.0.1:4010/") and returns an origin-like base without a trailing slash. */
export function normalizeBaseUrl(value: unknown): string {
	const raw =
		typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_API_BASE_URL;
	const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
	return withScheme.replace(/\/+$/, '');
}
