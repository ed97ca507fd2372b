import { request as httpRequest } from 'node:http';

import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { signatureV3 } from '../../nodes/shared/domain/signature';
import type { Sandbox } from '../../sandbox/server';
import type { LoadedPackage } from '../harness/engine';
import { startRecordingServer } from '../harness/recordingServer';
import type { RecordingServer } from '../harness/recordingServer';
import { accessTokenOf, connectOAuth2 } from '../harness/sandboxOAuth';
import { EngineTriggerWorkflow, startN8nLikeServer } from '../trigger/helpers/engineTrigger';
import type { N8nLikeServer } from '../trigger/helpers/engineTrigger';
import { disposeTriggerPackage, loadTriggerPackage } from '../trigger/helpers/triggerPackage';
import { FaultSuite, itLeaksNoSecrets, SERVICE_KEY } from './support/faultSuite';

/**
 * The attacks of issue 13, each run through n8n's real execution engine against the sandbox and
 * a recording server that plays the attacker's host. Every test here passed on the code before
 * the hardening, i.e. the attack worked; each now fails closed.
 *
 * The attacker's host is http://0.0.0.0:<port>: a host outside the allow-list that still reaches
 * a listener on this machine (Linux connects 0.0.0.0 to the local host), so nothing leaves loopback.
 */

const suite = FaultSuite.install();
const CLIENT_SECRET = 'sandbox-client-secret';
let sandbox: Sandbox;
let attacker: RecordingServer;
let loaded: LoadedPackage;
let n8n: N8nLikeServer;
let workflow: EngineTriggerWorkflow;

beforeAll(async () => {
	sandbox = await suite.startSandbox();
	// Answers 401 to everything, which is what makes n8n try a token refresh at the token URL.
	attacker = await startRecordingServer(() => ({ status: 401, body: { message: 'expired' } }));
	loaded = await loadTriggerPackage();
	n8n = await startN8nLikeServer(() => workflow);
});
afterAll(async () => {
	await n8n.close();
	await attacker.close();
	await sandbox.close();
	disposeTriggerPackage(loaded);
});
beforeEach(() => {
	attacker.requests.length = 0;
	sandbox.reset();
});

const attackerBaseUrl = () => attacker.url.replace('127.0.0.1', '0.0.0.0');

const LOOKUP_BY_EMAIL = {
	operation: 'lookupContact',
	lookupBy: 'email',
	email: 'jane.doe@acme-corp.test',
	maxMeetings: 3,
};

function expectRefusedBaseUrl(thrown: unknown[]): void {
	expect(thrown).toHaveLength(1);
	const error = thrown[0] as NodeOperationError;
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error.message).toContain('is not a HubSpot API address, so no request was sent');
	expect(error.message).toContain('for the sandbox use its loopback address');
}

describe('tokens only go to HubSpot (or the loopback sandbox)', () => {
	it('a service key credential whose API Base URL names another host sends its key nowhere', async () => {
		const run = await suite.run(sandbox, LOOKUP_BY_EMAIL, {
			credential: {
				type: 'hubSpotSchedulingServiceKeyApi',
				data: { accessToken: SERVICE_KEY, baseUrl: attackerBaseUrl() },
			},
		});
		expect(attacker.requests.map((request) => request.headers.authorization)).toEqual([]);
		expect(run.result.status).toBe('error');
		expectRefusedBaseUrl(run.thrown);
	});

	it('a Base URL expression that resolves to another host at run time (from the item) sends the key nowhere', async () => {
		const run = await suite.run(sandbox, LOOKUP_BY_EMAIL, {
			input: [{ apiHost: attackerBaseUrl() }],
			credential: {
				type: 'hubSpotSchedulingServiceKeyApi',
				data: { accessToken: SERVICE_KEY, baseUrl: '={{ $json.apiHost }}' },
			},
		});
		expect(attacker.requests).toEqual([]);
		expectRefusedBaseUrl(run.thrown);
	});

	it('an OAuth2 credential whose Base URL was edited sends neither the access token nor the refresh token and client secret', async () => {
		const connected = await connectOAuth2(sandbox);
		const edited = { ...connected.data, baseUrl: attackerBaseUrl() };
		const run = await suite.run(sandbox, LOOKUP_BY_EMAIL, {
			credential: { type: 'hubSpotSchedulingOAuth2Api', data: edited },
		});
		const seen = JSON.stringify(attacker.requests);
		expect(seen).not.toContain(accessTokenOf(connected.data));
		expect(seen).not.toContain(String(connected.data.oauthTokenData.refresh_token));
		expect(seen).not.toContain(CLIENT_SECRET);
		expect(attacker.requests).toEqual([]);
		expectRefusedBaseUrl(run.thrown);
	});

	it('the sandbox on loopback still works with the same credential types', async () => {
		const run = await suite.run(sandbox, LOOKUP_BY_EMAIL);
		expect(run.result.status).toBe('success');
		expect(run.requests.length).toBeGreaterThan(0);
	});
});

describe("every field of every error is redacted, HubSpot's details included", () => {
	it('a hostile error body that echoes the key in requiredScopes, category and message leaves no token in the error', async () => {
		const echoed = `Bearer ${SERVICE_KEY}`;
		const hostile = await startRecordingServer(() => ({
			status: 403,
			body: {
				status: 'error',
				message: `This token ${SERVICE_KEY} is missing scopes`,
				category: SERVICE_KEY,
				subCategory: { echoed },
				correlationId: `corr ${echoed}`,
				errors: [
					{
						message: 'missing scope',
						context: { requiredScopes: [SERVICE_KEY, 'crm.objects.contacts.read'] },
					},
				],
			},
		}));
		try {
			const run = await suite.run(sandbox, LOOKUP_BY_EMAIL, {
				credential: {
					type: 'hubSpotSchedulingServiceKeyApi',
					data: { accessToken: SERVICE_KEY, baseUrl: hostile.url },
				},
			});
			expect(hostile.requests).toHaveLength(1);
			expect(run.thrown).toHaveLength(1);
			const error = run.thrown[0] as Error & { hubspot?: IDataObject; description?: string };
			const everyField = JSON.stringify({
				message: error.message,
				description: error.description,
				stack: error.stack,
				hubspot: error.hubspot,
				all: error,
			});
			expect(everyField).not.toContain('pat-na1');
			expect(error.hubspot?.requiredScopes).toEqual(['[redacted]', 'crm.objects.contacts.read']);
			expect(JSON.stringify(run.result.error)).not.toContain('pat-na1');
		} finally {
			await hostile.close();
		}
	});
});

describe('input errors that echo what was typed', () => {
	it('a key given as a field value comes back redacted, in the thrown error and in a continued item', async () => {
		// As a tool call's argument arrives: through an expression, from the item.
		const typed = { ...LOOKUP_BY_EMAIL, email: '={{ $json.value }}' };
		const input = [{ value: SERVICE_KEY }];
		const thrown = await suite.run(sandbox, typed, { input });
		const continued = await suite.run(sandbox, typed, { input, continueOnFail: true });
		expect(thrown.requests).toEqual([]);
		expect((thrown.thrown[0] as Error).message).toContain('Invalid Email');
		expect(JSON.stringify([thrown.thrown, (thrown.thrown[0] as Error).message])).not.toContain(
			'pat-na1',
		);
		expect(JSON.stringify(continued.items)).not.toContain('pat-na1');
		expect(continued.items[0].error).toContain('[redacted]');
	});
});

describe('free text written to HubSpot refuses control characters, naming the field', () => {
	const BOOK = {
		operation: 'book',
		meetingLink: { __rl: true, mode: 'slug', value: 'alex-demo' },
		startTime: '2026-12-02T10:00:00-05:00',
		timeZone: 'America/New_York',
		email: 'valid.guest@acme.test',
		fullName: 'Valid Guest',
		method: 'meetingLink',
		options: { duration: 30 },
	};
	const cases: Array<{ name: string; parameters: IDataObject; field: string }> = [
		{ name: 'NUL in Full Name', parameters: { fullName: 'Jane\u0000 Doe' }, field: 'Full Name' },
		{
			name: 'bell and terminal escape in Full Name',
			parameters: { fullName: '\u0007\u001b[31mDoe Jane' },
			field: 'Full Name',
		},
		{
			name: 'NUL in First Name',
			parameters: { firstName: 'Jane\u0000', lastName: 'Doe' },
			field: 'First Name',
		},
		{
			name: 'escape in Last Name',
			parameters: { firstName: 'Jane', lastName: 'Doe\u001b[2J' },
			field: 'Last Name',
		},
		{
			name: 'direction override in Full Name',
			parameters: { fullName: 'Jane \u202eeoD' },
			field: 'Full Name',
		},
		{
			name: 'NUL in Title',
			parameters: { method: 'crmRecord', options: { duration: 30, title: 'Call\u0000' } },
			field: 'Title',
		},
		{
			name: 'escape in Notes',
			parameters: { method: 'crmRecord', options: { duration: 30, notes: 'ok\n\u001b[31mred' } },
			field: 'Notes',
		},
		{
			name: 'NUL in a form answer',
			parameters: { options: { duration: 30, formFields: '{"company": "Acme\\u0000"}' } },
			field: 'Form Fields (JSON)',
		},
		{
			name: 'a 2,001-character Full Name',
			parameters: { fullName: 'J'.repeat(2_001) },
			field: 'Full Name',
		},
	];

	it.each(cases)(
		'$name: refused before any request, naming "$field"',
		async ({ parameters, field }) => {
			const run = await suite.run(sandbox, { ...BOOK, ...parameters });
			expect(run.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
			expect(run.thrown).toHaveLength(1);
			const error = run.thrown[0] as Error;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain(`Invalid ${field}:`);
			expect(error.message).not.toMatch(/fullName|firstName|lastName|formFields/);
		},
	);

	it('line breaks stay allowed in Notes', async () => {
		const run = await suite.run(sandbox, {
			...BOOK,
			method: 'crmRecord',
			options: { duration: 30, notes: 'First line\nSecond line\tindented' },
		});
		expect(run.thrown).toEqual([]);
		expect(run.result.status).toBe('success');
	});
});

describe('the webhook trigger', () => {
	const JANE = '51234567001';

	beforeEach(async () => {
		const credential = await connectOAuth2(sandbox);
		workflow = new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			parameters: {
				subscriptionMode: 'appConfiguration',
				authentication: 'oAuth2',
				verifySignature: true,
				secretFrom: 'oAuth2Credential',
				enrich: true,
				contactProperties: 'firstname, lastname, email, phone',
				addCallWindow: false,
			},
			credentials: { hubSpotSchedulingOAuth2Api: credential.data },
		});
		await workflow.activate();
		sandbox.clearLog();
	});

	/** A raw event array, so ids such as 1e400 reach the node exactly as sent. */
	function creation(eventId: number, objectIdJson: string): string {
		return `[{"eventId":${eventId},"subscriptionId":3100001,"portalId":62515,"occurredAt":${suite.clock.now() - 1_000},"subscriptionType":"contact.creation","attemptNumber":0,"objectId":${objectIdJson},"changeSource":"CRM_UI","appId":54321}]`;
	}

	function signedFor(url: string, body: string): Record<string, string> {
		const timestamp = String(suite.clock.now());
		return {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signatureV3(CLIENT_SECRET, 'POST', url, body, timestamp),
			'x-hubspot-request-timestamp': timestamp,
		};
	}

	/** http.request, so the Host header can be what an attacker sends. */
	async function post(
		body: string,
		headers: Record<string, string>,
	): Promise<{ status: number; body: unknown }> {
		const target = new URL(`${n8n.url}${workflow.webhookPath}`);
		const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
			const request = httpRequest(
				target,
				{ method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
					);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
		await workflow.idle();
		let parsed: unknown = answer.text;
		try {
			parsed = JSON.parse(answer.text);
		} catch {
			// kept as text
		}
		suite.ledger.add('webhook answer', parsed);
		return { status: answer.status, body: parsed };
	}

	// n8n sees plain http on its own socket, so a Host header alone names http://evil.example.com.
	it.each([
		['Host', 'http', { host: 'evil.example.com' }],
		[
			'X-Forwarded-Host',
			'https',
			{ 'x-forwarded-host': 'evil.example.com', 'x-forwarded-proto': 'https' },
		],
		['Forwarded', 'https', { forwarded: 'for=1.2.3.4;proto=https;host=evil.example.com' }],
	])(
		'refuses a delivery signed for the host its %s header claims (401, no execution, no HubSpot call)',
		async (_header, scheme, claimed) => {
			const body = creation(4100000951, JANE);
			const forgedUrl = `${scheme}://evil.example.com${workflow.webhookPath}`;
			const answer = await post(body, { ...signedFor(forgedUrl, body), ...claimed });
			expect(answer).toEqual({ status: 401, body: { message: 'Invalid HubSpot signature' } });
			expect(workflow.executions).toEqual([]);
			expect(sandbox.requestLog()).toEqual([]);
		},
	);

	it("accepts the same delivery signed for n8n's own webhook URL and answers with the summary, not firstEntryJson", async () => {
		const body = creation(4100000952, JANE);
		const answer = await post(body, signedFor(`${n8n.url}${workflow.webhookPath}`, body));
		expect(answer).toEqual({
			status: 200,
			body: { received: 1, contactCreations: 1, started: 1 },
		});
		expect(workflow.executions.map((items) => items.map((item) => item.contactId))).toEqual([
			[JANE],
		]);
	});

	it.each([['1e400'], ['-7'], ['1.5'], ['"Infinity"'], ['18446744073709551616']])(
		'drops a signed event whose objectId is %s: no execution for contact "Infinity", a log line, the summary',
		async (objectId) => {
			const body = creation(4100000953, objectId);
			const answer = await post(body, signedFor(`${n8n.url}${workflow.webhookPath}`, body));
			expect(answer).toEqual({
				status: 200,
				body: { received: 1, contactCreations: 0, started: 0 },
			});
			expect(workflow.executions).toEqual([]);
			expect(sandbox.requestLog()).toEqual([]);
		},
	);
});

describe('secrets', () => itLeaksNoSecrets(suite));
