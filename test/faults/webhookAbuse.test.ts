import type { IDataObject } from 'n8n-workflow';

import { signatureV1, signatureV3 } from '../../nodes/shared/domain/signature';
import type { Sandbox } from '../../sandbox/server';
import type { LoadedPackage } from '../harness/engine';
import { EngineTriggerWorkflow, startN8nLikeServer } from '../trigger/helpers/engineTrigger';
import type { N8nLikeServer } from '../trigger/helpers/engineTrigger';
import { disposeTriggerPackage, loadTriggerPackage } from '../trigger/helpers/triggerPackage';
import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import { connectOAuth2 } from '../harness/sandboxOAuth';

/**
 * Hostile and malformed requests to the trigger's webhook URL, served as n8n serves them, into the
 * trigger in n8n-core's WebhookContext. None may start an execution or call HubSpot; each gets the
 * status HubSpot (or an attacker) should see. Signature test vectors live in test/trigger.
 */

const suite = FaultSuite.install();
const SECRET = 'sandbox-client-secret';
let loaded: LoadedPackage;
let sandbox: Sandbox;
let n8n: N8nLikeServer;
let workflow: EngineTriggerWorkflow;

beforeAll(async () => {
	loaded = await loadTriggerPackage();
	sandbox = await suite.startSandbox();
	n8n = await startN8nLikeServer(() => workflow);
});
afterAll(async () => {
	await n8n.close();
	await sandbox.close();
	disposeTriggerPackage(loaded);
});

beforeEach(async () => {
	sandbox.reset();
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

/** Event keys the trigger stored as seen (in n8n's static data), which would block later deliveries. */
function rememberedEvents(): number {
	const nodeData = workflow.savedStaticData['node:HubSpot Trigger'] as
		| { seenEvents?: { entries?: unknown[] } }
		| undefined;
	return nodeData?.seenEvents?.entries?.length ?? 0;
}

const url = () => `${n8n.url}${workflow.webhookPath}`;

function contactCreation(eventId: number, objectId: string, extra: IDataObject = {}): IDataObject {
	return {
		eventId,
		subscriptionId: 3100001,
		portalId: 62515,
		occurredAt: suite.clock.now() - 1_000,
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: Number(objectId),
		changeSource: 'CRM_UI',
		appId: 54321,
		...extra,
	};
}

function v3Headers(
	body: string,
	timestamp = suite.clock.now(),
	secret = SECRET,
	signedBody = body,
): Record<string, string> {
	return {
		'content-type': 'application/json',
		'x-hubspot-signature-v3': signatureV3(secret, 'POST', url(), signedBody, String(timestamp)),
		'x-hubspot-request-timestamp': String(timestamp),
	};
}

interface Answer {
	status: number;
	body: unknown;
}

async function post(body: string, headers: Record<string, string>): Promise<Answer> {
	const response = await fetch(url(), { method: 'POST', headers, body });
	await workflow.idle();
	const text = await response.text();
	const answer = { status: response.status, body: parseOrText(text) };
	suite.ledger.add('webhook answer', answer);
	return answer;
}

function parseOrText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

const JANE = '51234567001';
const oneCreation = () => JSON.stringify([contactCreation(4100000901, JANE)]);
const invalidSignature = { message: 'Invalid HubSpot signature' };

/** A body far beyond HubSpot's 100 events per request: about 2 MB. */
function oversizeBody(): string {
	const events = Array.from({ length: 7_000 }, (_, index) =>
		contactCreation(4100010000 + index, JANE, { padding: 'x'.repeat(120) }),
	);
	return JSON.stringify(events);
}

interface AbuseCase {
	name: string;
	request: () => { body: string; headers: Record<string, string> };
	status: number | number[];
	answer?: unknown;
}

const abuse: AbuseCase[] = [
	{
		name: 'a forged v3 signature (wrong secret)',
		request: () => ({
			body: oneCreation(),
			headers: v3Headers(oneCreation(), undefined, 'not-the-client-secret'),
		}),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'no signature headers at all',
		request: () => ({ body: oneCreation(), headers: { 'content-type': 'application/json' } }),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'a forged v1 signature',
		request: () => ({
			body: oneCreation(),
			headers: {
				'content-type': 'application/json',
				'x-hubspot-signature': signatureV1('guess', oneCreation()),
			},
		}),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'an unknown signature version',
		request: () => ({
			body: oneCreation(),
			headers: {
				'content-type': 'application/json',
				'x-hubspot-signature': signatureV1(SECRET, oneCreation()),
				'x-hubspot-signature-version': 'v9',
			},
		}),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'a correctly signed but stale timestamp (6 minutes old)',
		request: () => ({
			body: oneCreation(),
			headers: v3Headers(oneCreation(), suite.clock.now() - 6 * 60_000),
		}),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'a timestamp 6 minutes in the future',
		request: () => ({
			body: oneCreation(),
			headers: v3Headers(oneCreation(), suite.clock.now() + 6 * 60_000),
		}),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'a timestamp that is not a number',
		request: () => ({
			body: oneCreation(),
			headers: { ...v3Headers(oneCreation()), 'x-hubspot-request-timestamp': 'yesterday' },
		}),
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'a tampered body (another contact id under the original signature)',
		request: () => {
			const tampered = JSON.stringify([contactCreation(4100000901, '51234567002')]);
			return { body: tampered, headers: v3Headers(tampered, undefined, SECRET, oneCreation()) };
		},
		status: 401,
		answer: invalidSignature,
	},
	{
		name: 'an oversize body with a forged signature',
		request: () => ({
			body: oversizeBody(),
			headers: v3Headers('[]', undefined, 'not-the-client-secret'),
		}),
		status: [401, 413],
	},
	{
		name: 'an oversize body (about 2 MB, 7,000 events) with a valid signature',
		request: () => {
			const body = oversizeBody();
			return { body, headers: v3Headers(body) };
		},
		status: 413,
	},
	{
		name: 'a signed body that is not JSON',
		request: () => ({
			body: 'contact.creation=51234567001',
			headers: v3Headers('contact.creation=51234567001'),
		}),
		status: 400,
		answer: {
			message: 'The request body is not a JSON array. HubSpot sends a JSON array of events.',
		},
	},
	{
		name: 'a signed JSON object instead of an event array',
		request: () => ({
			body: '{"objectId":51234567001}',
			headers: v3Headers('{"objectId":51234567001}'),
		}),
		status: 400,
		answer: {
			message: 'The request body is not a JSON array. HubSpot sends a JSON array of events.',
		},
	},
	{
		name: 'signed events of other types only',
		request: () => {
			const body = JSON.stringify([
				contactCreation(4100000902, JANE, {
					subscriptionType: 'contact.propertyChange',
					propertyName: 'email',
				}),
				contactCreation(4100000903, '9001', { subscriptionType: 'deal.creation' }),
				contactCreation(4100000904, '9002', {
					subscriptionType: 'object.creation',
					objectTypeId: '0-2',
				}),
				contactCreation(4100000905, JANE, { subscriptionType: 'contact.deletion' }),
			]);
			return { body, headers: v3Headers(body) };
		},
		status: 200,
		answer: { received: 4, contactCreations: 0, started: 0 },
	},
	{
		name: 'a signed empty array',
		request: () => ({ body: '[]', headers: v3Headers('[]') }),
		status: 200,
		answer: { received: 0, contactCreations: 0, started: 0 },
	},
];

describe('requests that must start nothing', () => {
	it.each(abuse)(
		'$name: answered $status, no execution, no HubSpot call, nothing remembered',
		async (testCase) => {
			const { body, headers } = testCase.request();
			const answer = await post(body, headers);
			const expected = Array.isArray(testCase.status) ? testCase.status : [testCase.status];
			expect(expected).toContain(answer.status);
			if (testCase.answer !== undefined) expect(answer.body).toEqual(testCase.answer);
			expect(workflow.executions).toEqual([]);
			expect(sandbox.requestLog()).toEqual([]);
			expect(rememberedEvents()).toBe(0);
		},
	);
});

describe('a replay of a valid delivery', () => {
	it('starts one execution for the first delivery and nothing for the identical second one', async () => {
		const body = oneCreation();
		const headers = v3Headers(body);
		const first = await post(body, headers);
		const replay = await post(body, headers);
		expect([first, replay]).toEqual([
			{ status: 200, body: { received: 1, contactCreations: 1, started: 1 } },
			{ status: 200, body: { received: 1, contactCreations: 1, started: 0 } },
		]);
		expect(workflow.executions.map((items) => items.map((item) => item.contactId))).toEqual([
			[JANE],
		]);
		expect(sandbox.requestLog().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'POST /crm/objects/2026-09/contacts/batch/read',
		]);
	});
});

describe('secrets', () => itLeaksNoSecrets(suite));
