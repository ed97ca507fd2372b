import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { HubSpotSchedulingDeveloperApi } from '../../../credentials/HubSpotSchedulingDeveloperApi.credentials';
import { HubSpotSchedulingServiceKeyApi } from '../../../credentials/HubSpotSchedulingServiceKeyApi.credentials';

/** The published credentials whose declarative authentication these requests apply. */
const AUTHENTICATION: Record<string, IAuthenticateGeneric> = {
	hubSpotSchedulingDeveloperApi: new HubSpotSchedulingDeveloperApi().authenticate,
	hubSpotSchedulingServiceKeyApi: new HubSpotSchedulingServiceKeyApi().authenticate,
};

/** `=Bearer {{$credentials.accessToken}}` with the credential's values, as n8n resolves it. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): string {
	return String(value)
		.replace(/^=/, '')
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_match, name: string) =>
			String(credentials[name] ?? ''),
		);
}

/** Sends one request over HTTP to its URL (the sandbox), authenticated as the credential says. */
export async function sendToSandbox(
	credentialType: string,
	request: Pick<IHttpRequestOptions, 'method' | 'url' | 'qs' | 'body'>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<{ statusCode: number; body: unknown; headers: Record<string, string> }> {
	const data = credentials[credentialType];
	const authentication = AUTHENTICATION[credentialType];
	if (data === undefined || authentication === undefined)
		throw new Error(`No credential of type ${credentialType}`);
	const url = new URL(request.url);
	const qs: IDataObject = { ...(request.qs ?? {}) };
	for (const [name, value] of Object.entries(authentication.properties.qs ?? {}))
		qs[name] = resolve(value, data);
	for (const [name, value] of Object.entries(qs))
		if (value !== undefined) url.searchParams.set(name, String(value));
	const headers: Record<string, string> = { accept: 'application/json' };
	for (const [name, value] of Object.entries(authentication.properties.headers ?? {}))
		headers[name] = resolve(value, data);
	if (request.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(url, {
		method: request.method ?? 'GET',
		headers,
		body: request.body === undefined ? undefined : JSON.stringify(request.body),
	});
	const text = await response.text();
	return {
		statusCode: response.status,
		body: text === '' ? undefined : (JSON.parse(text) as unknown),
		headers: Object.fromEntries(response.headers.entries()),
	};
}

/**
 * A request context for transport-level tests whose HubSpot is the sandbox: requests go over HTTP
 * to the URL the client built (the credential's baseUrl, the sandbox), authenticated by the
 * published credential's `authenticate` block. No HubSpot behaviour is imitated here.
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
				await sendToSandbox(type, request, credentials),
		},
	};
	return context as unknown as IHookFunctions;
}
