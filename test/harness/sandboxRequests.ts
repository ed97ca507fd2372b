import { NodeApiError } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { HubSpotSchedulingDeveloperApi } from '../../credentials/HubSpotSchedulingDeveloperApi.credentials';
import { HubSpotSchedulingServiceKeyApi } from '../../credentials/HubSpotSchedulingServiceKeyApi.credentials';
import { CREDENTIAL_TYPES } from '../../nodes/shared/transport/credentialTypes';

/** The published credentials whose declarative authentication these requests apply. */
const AUTHENTICATION: Record<string, IAuthenticateGeneric> = {
	[CREDENTIAL_TYPES.developer]: new HubSpotSchedulingDeveloperApi().authenticate,
	[CREDENTIAL_TYPES.serviceKey]: new HubSpotSchedulingServiceKeyApi().authenticate,
};

/**
 * Tells the contract check (test/contract/recordExchanges.ts) that this request is the package's,
 * not one the test makes itself to arrange or inspect the sandbox: fetch's own user agent ("node")
 * would mark it as the test's, and its request would go unchecked.
 */
const FORWARDED_USER_AGENT = 'n8n-nodes-hubspot-scheduling (test, forwarded to the sandbox)';

/** `=Bearer {{$credentials.accessToken}}` with the credential's values, as n8n resolves it. */
function resolve(value: unknown, credentials: IDataObject): string {
	return String(value)
		.replace(/^=/, '')
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_match, name: string) =>
			String(credentials[name] ?? ''),
		);
}

/** The credential's authentication as query parameters and headers. */
function authenticationFor(
	credentialType: string,
	data: IDataObject,
): { qs: IDataObject; headers: Record<string, string> } {
	// n8n's OAuth2 request helper signs with the stored access token (tokenType Bearer); it is not
	// declarative, so it is written out here. Refreshing on a 401 is not modelled: the 401 throws.
	if (credentialType === CREDENTIAL_TYPES.connectedApp) {
		const token = (data.oauthTokenData as IDataObject | undefined)?.access_token;
		if (typeof token !== 'string' || token === '')
			throw new Error(`The ${credentialType} credential has no oauthTokenData.access_token`);
		return { qs: {}, headers: { authorization: `Bearer ${token}` } };
	}
	const authentication = AUTHENTICATION[credentialType];
	if (authentication === undefined) throw new Error(`No credential of type ${credentialType}`);
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(authentication.properties.qs ?? {}))
		qs[name] = resolve(value, data);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(authentication.properties.headers ?? {}))
		headers[name] = resolve(value, data);
	return { qs, headers };
}

/** Whether n8n would throw for this status instead of returning it (`ignoreHttpStatusErrors`). */
function throwsFor(status: number, ignore: IHttpRequestOptions['ignoreHttpStatusErrors']): boolean {
	if (status < 400) return false;
	if (ignore === true) return false;
	if (typeof ignore === 'object' && ignore !== null && ignore.ignore)
		return ignore.except.includes(status);
	return true;
}

/**
 * The code n8n's HTTP client (axios on node:http) reports where fetch (undici) reports its own: an
 * aborted request is ERR_CANCELED, a connection closed without an answer (a `drop` fault) is
 * ECONNRESET ("socket hang up"); codes both share (ECONNREFUSED…) pass as they are.
 */
function clientErrorCode(failure: unknown, request: IHttpRequestOptions): string | undefined {
	if ((request.abortSignal as AbortSignal | undefined)?.aborted) return 'ERR_CANCELED';
	const code = (failure as { cause?: { code?: unknown } }).cause?.code;
	if (typeof code !== 'string') return undefined;
	return code === 'UND_ERR_SOCKET' ? 'ECONNRESET' : code;
}

export interface SandboxResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string>;
}

/**
 * What n8n's `httpRequestWithAuthentication` does with one request, with the sandbox as HubSpot:
 * sends it over HTTP to its URL, authenticated as the credential says (the published credentials'
 * `authenticate` blocks; OAuth2 with its stored access token as a Bearer header), and answers like
 * n8n: the full response when `returnFullResponse` is set, else the body, and a NodeApiError carrying
 * the response for a status `ignoreHttpStatusErrors` does not let through. No HubSpot behaviour is
 * imitated here: every answer is the sandbox's.
 */
export async function sendToSandbox(
	node: INode,
	credentialType: string,
	request: IHttpRequestOptions,
	credentials: Record<string, IDataObject>,
): Promise<unknown> {
	const data = credentials[credentialType];
	if (data === undefined) throw new Error(`No credential of type ${credentialType}`);
	const authentication = authenticationFor(credentialType, data);
	const url = new URL(request.url);
	for (const [name, value] of Object.entries({ ...(request.qs ?? {}), ...authentication.qs }))
		if (value !== undefined) url.searchParams.set(name, String(value));
	const headers: Record<string, string> = {
		accept: 'application/json',
		'user-agent': FORWARDED_USER_AGENT,
		...authentication.headers,
	};
	if (request.body !== undefined) headers['content-type'] = 'application/json';
	let response: Response;
	try {
		response = await fetch(url, {
			method: request.method ?? 'GET',
			headers,
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
			// n8n hands the execution's cancel signal to its HTTP client the same way.
			signal: request.abortSignal as AbortSignal | undefined,
		});
	} catch (failure) {
		// As n8n wraps a request that got no answer: its HTTP client's error code is on the cause.
		const code = clientErrorCode(failure, request);
		const error = new NodeApiError(node, { message: String(failure), code: code ?? null });
		(error as unknown as { cause: unknown }).cause = { code };
		throw error;
	}
	const text = await response.text();
	const answer: SandboxResponse = {
		statusCode: response.status,
		body: text === '' ? undefined : (JSON.parse(text) as unknown),
		headers: Object.fromEntries(response.headers.entries()),
	};
	if (throwsFor(answer.statusCode, request.ignoreHttpStatusErrors)) {
		const error = new NodeApiError(
			node,
			{ message: `Request failed with status code ${answer.statusCode}` },
			{ httpCode: String(answer.statusCode) },
		);
		(error as unknown as { cause: unknown }).cause = {
			response: { status: answer.statusCode, data: answer.body, headers: answer.headers },
		};
		throw error;
	}
	return request.returnFullResponse ? answer : answer.body;
}

/**
 * A request context for transport-level tests whose HubSpot is the sandbox: requests go over HTTP
 * to the URL the client built (the credential's baseUrl, the sandbox) through `sendToSandbox`.
 */
export function sandboxRequestContext(
	node: INode,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): IHookFunctions {
	const context = {
		getNode: () => node,
		getCredentials: async (type: string) => {
			const data = credentials[type];
			if (data === undefined) throw new Error(`No credential of type ${type}`);
			return { ...data };
		},
		helpers: {
			httpRequestWithAuthentication: async (type: string, request: IHttpRequestOptions) =>
				await sendToSandbox(node, type, request, credentials),
		},
	};
	return context as unknown as IHookFunctions;
}
