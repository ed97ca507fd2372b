import { HubSpotSchedulingDeveloperApi } from '../../../credentials/HubSpotSchedulingDeveloperApi.credentials';
import { HubSpotSchedulingOAuth2Api } from '../../../credentials/HubSpotSchedulingOAuth2Api.credentials';
import { HubSpotSchedulingServiceKeyApi } from '../../../credentials/HubSpotSchedulingServiceKeyApi.credentials';
import {
	allowedBaseUrl,
	ApiBaseUrlError,
	isAllowedBaseUrl,
} from '../../../nodes/shared/transport/apiHosts';

const ALLOWED: Array<[string | undefined, string]> = [
	[undefined, 'https://api.hubapi.com'],
	['', 'https://api.hubapi.com'],
	['  ', 'https://api.hubapi.com'],
	['https://api.hubapi.com', 'https://api.hubapi.com'],
	['https://api.hubapi.com/', 'https://api.hubapi.com'],
	['api.hubapi.com', 'https://api.hubapi.com'],
	['HTTPS://API.HUBAPI.COM', 'HTTPS://API.HUBAPI.COM'],
	['https://api.hubapi.com:443', 'https://api.hubapi.com:443'],
	['https://api.hubspot.com', 'https://api.hubspot.com'],
	['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
	['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
	['http://127.1.2.3:80', 'http://127.1.2.3:80'],
	['http://localhost:4010', 'http://localhost:4010'],
	['http://[::1]:4010', 'http://[::1]:4010'],
	['http://127.0.0.1:4010/hubspot-proxy', 'http://127.0.0.1:4010/hubspot-proxy'],
];

const REFUSED = [
	'http://api.hubapi.com',
	'https://api.hubapi.com:8443',
	'https://api.hubapi.com.evil.example',
	'https://api.hubapi.com@evil.example',
	'https://evil.example/https://api.hubapi.com',
	'https://api-eu1.hubapi.com',
	'https://app.hubspot.com',
	'https://evil.example',
	'http://0.0.0.0:4010',
	'http://127.0.0.1.nip.io:4010',
	'http://localhost.evil.example',
	'http://127.0.0.1:4010@evil.example',
	'http://127.0.0.1:4010#@evil.example',
	'http://127.0.0.1:4010?x=@evil.example',
	'http://127.0.0.1:4010\\@evil.example',
	'http://127.0.0.1:4010/\n@evil.example',
	'http://256.0.0.1',
	'http://[::ffff:127.0.0.1]',
	'http://2130706433',
	'file:///etc/passwd',
	'javascript:alert(1)',
	'ftp://127.0.0.1',
	'//evil.example',
];

describe('allowedBaseUrl', () => {
	it.each(ALLOWED)('accepts %p as %p', (input, expected) => {
		expect(allowedBaseUrl(input)).toBe(expected);
	});

	it.each(REFUSED)('refuses %p with a message that says how to reach the sandbox', (input) => {
		expect(() => allowedBaseUrl(input)).toThrow(ApiBaseUrlError);
		expect(() => allowedBaseUrl(input)).toThrow(/for the sandbox use its loopback address/);
		expect(isAllowedBaseUrl(input)).toBe(false);
	});

	it('refuses values that are not text', () => {
		expect(() => allowedBaseUrl(42)).toThrow(ApiBaseUrlError);
		expect(() => allowedBaseUrl({ url: 'https://api.hubapi.com' })).toThrow(ApiBaseUrlError);
	});
});

/** The credential fields' expressions, evaluated as plain JavaScript with the credential data bound. */
function evaluate(expression: unknown, self: Record<string, unknown>): string {
	const text = String(expression);
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(text)?.[1];
	if (body === undefined) throw new Error(`not an expression: ${text}`);
	// eslint-disable-next-line @typescript-eslint/no-implied-eval
	return new Function('$self', '$credentials', `return (${body});`)(self, self) as string;
}

describe('the credentials derive every URL a secret goes to from the same allow-list', () => {
	const oauth = new HubSpotSchedulingOAuth2Api();
	const field = (name: string) =>
		oauth.properties.find((property) => property.name === name)?.default;

	it.each([
		[
			'https://api.hubapi.com',
			'https://api.hubapi.com/oauth/2026-09/token',
			'https://app.hubspot.com/oauth/authorize',
		],
		['', 'https://api.hubapi.com/oauth/2026-09/token', 'https://app.hubspot.com/oauth/authorize'],
		[
			'http://127.0.0.1:4010/',
			'http://127.0.0.1:4010/oauth/2026-09/token',
			'http://127.0.0.1:4010/oauth/authorize',
		],
		[
			'https://evil.example',
			'https://api.hubapi.com/oauth/2026-09/token',
			'https://app.hubspot.com/oauth/authorize',
		],
		[
			'http://0.0.0.0:4010',
			'https://api.hubapi.com/oauth/2026-09/token',
			'https://app.hubspot.com/oauth/authorize',
		],
		[
			'https://api.hubapi.com@evil.example',
			'https://api.hubapi.com/oauth/2026-09/token',
			'https://app.hubspot.com/oauth/authorize',
		],
	])('OAuth2 base URL %p: token URL %p, consent page %p', (baseUrl, tokenUrl, authUrl) => {
		expect(evaluate(field('accessTokenUrl'), { baseUrl })).toBe(tokenUrl);
		expect(evaluate(field('authUrl'), { baseUrl })).toBe(authUrl);
	});

	it.each([
		[new HubSpotSchedulingServiceKeyApi().test.request.baseURL],
		[new HubSpotSchedulingDeveloperApi().test.request.baseURL],
	])('the credential test request goes to HubSpot or loopback only', (baseURL) => {
		expect(evaluate(baseURL, { baseUrl: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010');
		expect(evaluate(baseURL, { baseUrl: 'https://evil.example' })).toBe('https://api.hubapi.com');
		expect(evaluate(baseURL, { baseUrl: undefined })).toBe('https://api.hubapi.com');
	});
});
