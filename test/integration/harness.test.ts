import path from 'node:path';

import {
	loadPackageNodes,
	runNode,
	runWorkflow,
	START_NODE_NAME,
	TESTED_NODE_NAME,
} from '../harness/engine';
import {
	startRecordingServer,
	type RecordedRequest,
	type RecordingServer,
	type ScriptedResponse,
} from '../harness/recordingServer';
import { closeEngineRuntime } from '../harness/runtime';

const FAKE_PACKAGE = path.join(__dirname, '../fixtures/harness/fake-package');
const FAKE_NODE_TYPE = 'n8n-nodes-harness-fake.fakeApi';

let respond: (request: RecordedRequest) => ScriptedResponse;
let api: RecordingServer;

beforeEach(async () => {
	respond = () => ({ status: 200, body: { ok: true } });
	api = await startRecordingServer((request) => respond(request));
});

afterEach(async () => {
	await api.close();
});

afterAll(async () => {
	await closeEngineRuntime();
});

function bearerCredentials() {
	return { fakeBearerApi: { token: 'secret-token', baseUrl: api.url } };
}

describe('loadPackageNodes', () => {
	it('loads nodes and credentials the way n8n loads a community package', async () => {
		const loaded = await loadPackageNodes(FAKE_PACKAGE);

		expect(loaded.packageName).toBe('n8n-nodes-harness-fake');
		expect([...loaded.nodeTypes.keys()]).toEqual([FAKE_NODE_TYPE]);
		expect([...loaded.credentialTypes.keys()]).toEqual([
			'fakeBearerApi',
			'fakeOAuth2Api',
			'fakeSessionApi',
		]);
		expect(loaded.knownCredentials.get('fakeOAuth2Api')).toMatchObject({
			extends: ['oAuth2Api'],
			supportedNodes: [FAKE_NODE_TYPE],
		});
		const bearerFields = loaded.credentialTypes
			.get('fakeBearerApi')
			?.properties.map(({ name }) => name);
		expect(bearerFields).toEqual([
			'token',
			'clientName',
			'baseUrl',
			'allowedHttpRequestDomains',
			'allowedDomains',
		]);
	});
});

describe('runNode with a declarative Bearer credential', () => {
	it('resolves the credential expressions into the header and query string', async () => {
		const result = await runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'bearer', path: '/echo' },
			credentials: bearerCredentials(),
			credentialType: 'fakeBearerApi',
			input: [{ a: 1 }],
		});

		expect(
			api.requests.map(({ method, url, headers }) => [method, url, headers.authorization]),
		).toEqual([['GET', '/echo?client=harness', 'Bearer secret-token']]);
		expect(result.status).toBe('success');
		expect(result.outputs[START_NODE_NAME]).toEqual([
			[{ json: { a: 1 }, pairedItem: { item: 0 } }],
		]);
		expect(result.outputs[TESTED_NODE_NAME]).toEqual([
			[{ json: { response: { ok: true }, timezone: 'America/New_York' }, pairedItem: { item: 0 } }],
		]);
	});

	it('evaluates parameter expressions per input item', async () => {
		respond = (request) => ({ status: 200, body: { path: request.url } });

		const result = await runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'bearer', path: '={{ "/contacts/" + $json.id }}' },
			credentials: bearerCredentials(),
			credentialType: 'fakeBearerApi',
			input: [{ id: 'c-1' }, { id: 'c-2' }],
		});

		expect(api.requests.map(({ url }) => url)).toEqual([
			'/contacts/c-1?client=harness',
			'/contacts/c-2?client=harness',
		]);
		expect(
			result.outputs[TESTED_NODE_NAME]?.[0]?.map(({ json, pairedItem }) => [
				json.response,
				pairedItem,
			]),
		).toEqual([
			[{ path: '/contacts/c-1?client=harness' }, { item: 0 }],
			[{ path: '/contacts/c-2?client=harness' }, { item: 1 }],
		]);
	});

	it('applies the workflow time zone setting', async () => {
		const result = await runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'bearer', path: '/echo' },
			credentials: bearerCredentials(),
			credentialType: 'fakeBearerApi',
			input: [{}],
			timezone: 'Europe/Berlin',
		});

		expect(result.outputs[TESTED_NODE_NAME]?.[0]?.[0]?.json.timezone).toBe('Europe/Berlin');
	});
});

describe('errors', () => {
	const failSecondItem = (request: RecordedRequest): ScriptedResponse =>
		request.url.startsWith('/items/2')
			? { status: 500, body: { status: 'error', message: 'boom' } }
			: { status: 200, body: { ok: true } };

	it('turns a failing item into an error item with its pairedItem when the node continues on fail', async () => {
		respond = failSecondItem;

		const result = await runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'bearer', path: '={{ "/items/" + $json.n }}' },
			credentials: bearerCredentials(),
			credentialType: 'fakeBearerApi',
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(result.outputs[TESTED_NODE_NAME]).toEqual([
			[
				{ json: { response: { ok: true }, timezone: 'America/New_York' }, pairedItem: { item: 0 } },
				{
					json: { error: 'The service was not able to process your request' },
					pairedItem: { item: 1 },
				},
				{ json: { response: { ok: true }, timezone: 'America/New_York' }, pairedItem: { item: 2 } },
			],
		]);
	});

	it('fails the run with the NodeApiError of the failing item otherwise', async () => {
		respond = failSecondItem;

		const result = await runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'bearer', path: '={{ "/items/" + $json.n }}' },
			credentials: bearerCredentials(),
			credentialType: 'fakeBearerApi',
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
		});

		expect(api.requests.map(({ url }) => url)).toEqual([
			'/items/1?client=harness',
			'/items/2?client=harness',
		]);
		expect(result.status).toBe('error');
		expect(result.error).toEqual({
			message: 'The service was not able to process your request',
			description: 'boom',
			httpCode: '500',
			itemIndex: 1,
		});
	});
});

describe('OAuth2 credentials', () => {
	const FRESH_TOKEN_RESPONSE = {
		access_token: 'fresh-token',
		refresh_token: 'refresh-2',
		expires_in: 1800,
		token_type: 'bearer',
	};

	function oauthCredentials(extra: Record<string, unknown> = {}) {
		return {
			fakeOAuth2Api: {
				clientId: 'client-id',
				clientSecret: 'client-secret',
				baseUrl: api.url,
				oauthTokenData: {
					access_token: 'expired-token',
					refresh_token: 'refresh-1',
					token_type: 'bearer',
				},
				...extra,
			},
		};
	}

	const acceptOnlyFreshToken =
		(tokenResponse: ScriptedResponse) =>
		(request: RecordedRequest): ScriptedResponse => {
			if (request.url === '/oauth/2026-09/token') return tokenResponse;
			if (request.headers.authorization === 'Bearer fresh-token')
				return { status: 200, body: { ok: true } };
			return { status: 401, body: { status: 'error', category: 'EXPIRED_AUTHENTICATION' } };
		};

	function runWithOAuth(credentials: ReturnType<typeof oauthCredentials>) {
		return runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'oAuth2', path: '/echo' },
			credentials,
			credentialType: 'fakeOAuth2Api',
			input: [{}],
		});
	}

	it('refreshes the token at the credential token URL after a 401 and retries the call once', async () => {
		respond = acceptOnlyFreshToken({ status: 200, body: FRESH_TOKEN_RESPONSE });

		const result = await runWithOAuth(oauthCredentials());

		expect(
			api.requests.map(({ method, url, headers }) => [method, url, headers.authorization]),
		).toEqual([
			['GET', '/echo', 'Bearer expired-token'],
			['POST', '/oauth/2026-09/token', undefined],
			['GET', '/echo', 'Bearer fresh-token'],
		]);
		expect(Object.fromEntries(new URLSearchParams(api.requests[1]?.body))).toEqual({
			grant_type: 'refresh_token',
			refresh_token: 'refresh-1',
			client_id: 'client-id',
			client_secret: 'client-secret',
		});
		expect(result.status).toBe('success');
		expect(result.outputs[TESTED_NODE_NAME]?.[0]?.[0]?.json.response).toEqual({ ok: true });
		expect(result.credentialsAfter).toEqual({
			fakeOAuth2Api: {
				clientId: 'client-id',
				clientSecret: 'client-secret',
				baseUrl: api.url,
				oauthTokenData: { ...FRESH_TOKEN_RESPONSE, n8n_expires_at: expect.any(String) },
			},
		});
	});

	it('ignores a stored value for a hidden token URL, as n8n 2.41 does', async () => {
		respond = acceptOnlyFreshToken({ status: 200, body: FRESH_TOKEN_RESPONSE });

		const result = await runWithOAuth(
			oauthCredentials({ accessTokenUrl: 'http://127.0.0.1:9/never-used' }),
		);

		expect(result.status).toBe('success');
		expect(api.requests.map(({ url }) => url)).toEqual(['/echo', '/oauth/2026-09/token', '/echo']);
	});

	it('asks for a reconnect when the refresh token was revoked', async () => {
		respond = acceptOnlyFreshToken({
			status: 400,
			body: { error: 'invalid_grant', error_description: 'revoked' },
		});

		const result = await runWithOAuth(oauthCredentials());

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The credential "fakeOAuth2Api" needs to be reconnected.');
		expect(result.credentialsAfter.fakeOAuth2Api?.oauthTokenData).toEqual({
			access_token: 'expired-token',
			refresh_token: 'refresh-1',
			token_type: 'bearer',
		});
	});
});

describe('credentials with preAuthentication', () => {
	const sessionServer = (request: RecordedRequest): ScriptedResponse => {
		if (request.url === '/session') return { status: 200, body: { token: 's-1' } };
		if (request.headers['x-session'] === 's-1') return { status: 200, body: { ok: true } };
		return { status: 401, body: { message: 'session expired' } };
	};

	function runWithSession(sessionToken: string) {
		return runNode({
			packageDir: FAKE_PACKAGE,
			nodeType: 'fakeApi',
			parameters: { authentication: 'session', path: '/echo' },
			credentials: { fakeSessionApi: { sessionToken, password: 'pw', baseUrl: api.url } },
			credentialType: 'fakeSessionApi',
			input: [{}],
		});
	}

	it('fetches the expirable token before the first call when none is stored, and stores it', async () => {
		respond = sessionServer;

		const result = await runWithSession('');

		expect(
			api.requests.map(({ method, url, headers }) => [method, url, headers['x-session']]),
		).toEqual([
			['POST', '/session', undefined],
			['GET', '/echo', 's-1'],
		]);
		expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ password: 'pw' });
		expect(result.status).toBe('success');
		expect(result.credentialsAfter.fakeSessionApi).toEqual({
			sessionToken: 's-1',
			password: 'pw',
			baseUrl: api.url,
		});
	});

	it('fetches a new token and retries once when the stored one gets a 401', async () => {
		respond = sessionServer;

		const result = await runWithSession('stale');

		expect(
			api.requests.map(({ method, url, headers }) => [method, url, headers['x-session']]),
		).toEqual([
			['GET', '/echo', 'stale'],
			['POST', '/session', undefined],
			['GET', '/echo', 's-1'],
		]);
		expect(result.status).toBe('success');
		expect(result.credentialsAfter.fakeSessionApi?.sessionToken).toBe('s-1');
	});
});

describe('runWorkflow', () => {
	it('runs several package nodes in a row, feeding one node the output of the previous one', async () => {
		respond = (request) =>
			request.url.startsWith('/first')
				? { status: 200, body: { next: 'n-7' } }
				: { status: 200, body: { reached: request.url } };
		const fakeNode = (name: string, pathParameter: string, x: number) => ({
			id: name,
			name,
			type: FAKE_NODE_TYPE,
			typeVersion: 1,
			position: [x, 0] as [number, number],
			parameters: { authentication: 'bearer', path: pathParameter },
		});

		const result = await runWorkflow({
			packageDir: FAKE_PACKAGE,
			workflow: {
				nodes: [
					{
						id: 'start',
						name: 'Start',
						type: 'harness.start',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					fakeNode('First', '/first', 200),
					fakeNode('Second', '={{ "/second/" + $json.response.next }}', 400),
				],
				connections: {
					Start: { main: [[{ node: 'First', type: 'main', index: 0 }]] },
					First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] },
				},
			},
			credentials: bearerCredentials(),
		});

		expect(result.status).toBe('success');
		expect(api.requests.map(({ url }) => url)).toEqual([
			'/first?client=harness',
			'/second/n-7?client=harness',
		]);
		expect(result.outputs.Second?.[0]?.[0]?.json.response).toEqual({
			reached: '/second/n-7?client=harness',
		});
	});

	it('refuses a workflow without a harness start node', async () => {
		await expect(
			runWorkflow({
				packageDir: FAKE_PACKAGE,
				workflow: { nodes: [], connections: {} },
				credentials: {},
			}),
		).rejects.toThrow('The workflow needs a "harness.start" node to start from');
	});
});

describe('credential checks', () => {
	it('rejects a credential field the credential type does not declare', async () => {
		await expect(
			runNode({
				packageDir: FAKE_PACKAGE,
				nodeType: 'fakeApi',
				parameters: { authentication: 'bearer', path: '/echo' },
				credentials: { fakeBearerApi: { accessToken: 'typo', baseUrl: api.url } },
				credentialType: 'fakeBearerApi',
				input: [{}],
			}),
		).rejects.toThrow(
			'Credential "fakeBearerApi" has no field(s) accessToken; it declares token, clientName, baseUrl, allowedHttpRequestDomains, allowedDomains',
		);
		expect(api.requests).toEqual([]);
	});
});
