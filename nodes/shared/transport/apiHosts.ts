/**
 * Where a credential's tokens may be sent. A user who may edit a shared credential, but not read its
 * secrets, could otherwise point its API Base URL at a host of their own and receive the access
 * token, the refresh token and the client secret on the next run. So the base URL may only name
 * HubSpot's API hosts (over https, on the default port) or a loopback address (the sandbox).
 *
 * The credentials resolve the same rule inside n8n expressions (OAuth token and consent URLs,
 * credential tests), where only a regular expression is available: `ALLOWED_BASE_URL_SOURCE` is that
 * one rule, and the node code checks every resolved base URL against it again before any request.
 */

import { shorten } from '../domain/shorten';
import { redactSecrets } from './redact';

export const HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';

/**
 * HubSpot's published specs name https://api.hubapi.com as the server of every API; its docs also
 * use https://api.hubspot.com. Accounts in the EU data center use the same host (HubSpot routes by
 * the account), so no regional host is listed.
 */
export const HUBSPOT_API_HOSTS = ['api.hubapi.com', 'api.hubspot.com'];

const HUBSPOT = String.raw`https://(?:api\.hubapi\.com|api\.hubspot\.com)(?::443)?`;
const LOOPBACK = String.raw`https?://(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])(?::\d{1,5})?`;
/** An optional path of plain characters: no userinfo, query, fragment, backslash or whitespace. */
const PATH = String.raw`(?:/[A-Za-z0-9._~/-]*)?`;

/** One pattern for the whole (trimmed, lower-cased) base URL. */
export const ALLOWED_BASE_URL_SOURCE = `^(?:${HUBSPOT}|${LOOPBACK})${PATH}$`;
const ALLOWED_BASE_URL = new RegExp(ALLOWED_BASE_URL_SOURCE);

export class ApiBaseUrlError extends Error {
	constructor(readonly baseUrl: string) {
		super(
			`The credential's API Base URL (${preview(baseUrl)}) is not a HubSpot API address, so no request was sent. Use ${HUBSPOT_API_BASE_URL} for HubSpot; for the sandbox use its loopback address, for example http://127.0.0.1:4010.`,
		);
		this.name = 'ApiBaseUrlError';
	}

	readonly description =
		"The credential's tokens are only ever sent to HubSpot's API hosts (api.hubapi.com, api.hubspot.com) or to a loopback address (localhost, 127.x.x.x, [::1]) where the sandbox runs. Edit the credential and set API Base URL accordingly.";
}

/**
 * The base URL to send requests to, without a trailing slash; an empty value means HubSpot. Throws
 * ApiBaseUrlError for any other host, including one an expression resolved to at run time.
 */
export function allowedBaseUrl(value: unknown): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return HUBSPOT_API_BASE_URL;
	if (typeof value !== 'string') throw new ApiBaseUrlError(String(value));
	const trimmed = value.trim();
	// Users paste "api.hubapi.com"; without a scheme it can only mean HubSpot over https.
	const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
	const candidate = withScheme.replace(/\/+$/, '');
	if (!ALLOWED_BASE_URL.test(candidate.toLowerCase())) throw new ApiBaseUrlError(trimmed);
	return candidate;
}

/** The same check without throwing: the base URL, or why it is refused. */
export function checkBaseUrl(value: unknown): { baseUrl: string } | { refused: ApiBaseUrlError } {
	try {
		return { baseUrl: allowedBaseUrl(value) };
	} catch (error) {
		return { refused: error as ApiBaseUrlError };
	}
}

export function isAllowedBaseUrl(value: unknown): boolean {
	return 'baseUrl' in checkBaseUrl(value);
}

function preview(value: string): string {
	// eslint-disable-next-line no-control-regex
	const printable = redactSecrets(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
	return shorten(printable, 80);
}

/**
 * The same rule as an n8n expression body (without `{{ }}`), for credential fields: `reference`
 * (e.g. `$self["baseUrl"]`) resolved, trimmed, given https:// when it has no scheme and stripped of
 * trailing slashes; anything that is not an allowed base URL becomes HubSpot's own API host, so a
 * credential test, the OAuth consent flow and every token refresh can only reach HubSpot or loopback.
 */
export function allowedBaseUrlExpression(reference: string): string {
	const trimmed = `String(${reference} || "${HUBSPOT_API_BASE_URL}").trim()`;
	const withScheme = `(/^[a-z][a-z0-9+.-]*:/i.test(${trimmed}) ? ${trimmed} : "https://" + ${trimmed}).replace(/\\/+$/, "")`;
	const pattern = `/${ALLOWED_BASE_URL_SOURCE.replace(/\//g, '\\/')}/`;
	return `(${pattern}.test(${withScheme}.toLowerCase()) ? ${withScheme} : "${HUBSPOT_API_BASE_URL}")`;
}
