import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import type { LoadedPackage } from '../harness/engine';
import { closeEngineRuntime } from '../harness/runtime';
import { connectOAuth2 } from '../harness/sandboxOAuth';
import { EngineTriggerWorkflow, startN8nLikeServer } from './helpers/engineTrigger';
import type { N8nLikeServer } from './helpers/engineTrigger';
import {
	disposeTriggerPackage,
	loadTriggerPackage,
	loadTriggerPackageInNewProcess,
} from './helpers/triggerPackage';

/**
 * The trigger on more than one n8n process: a restart, or queue mode's webhook processors. Each
 * "process" is the package loaded afresh (nothing in memory shared) serving on its own HTTP port;
 * what they share is what n8n processes share, the workflow's row in the database (static data
 * saved exactly when n8n 2.41.1 saves it, see helpers/engineTrigger.ts), and the sandbox as HubSpot.
 */

const SECRET = 'sandbox-client-secret';

let sandbox: Sandbox;
const packages: LoadedPackage[] = [];
const servers: N8nLikeServer[] = [];

/**
 * The one public address in front of the webhook processes (WEBHOOK_URL): HubSpot calls and signs
 * it, every process reports it, and it hands each request to the process `routeTo` names.
 */
let balancer: { url: string; close(): Promise<void> };
let routeTo: Process | undefined;

async function startBalancer(): Promise<typeof balancer> {
	const server = createServer((incoming, outgoing) => {
		const target = new URL((routeTo as Process).url);
		const forward = request(
			{
				host: target.hostname,
				port: target.port,
				method: incoming.method,
				path: incoming.url,
				headers: incoming.headers,
			},
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		incoming.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

beforeEach(async () => {
	sandbox = await startSandbox({
		port: 0,
		webhookRetryDelaysMs: [600_000],
		webhookBatchWindowMs: 20,
	});
	balancer = await startBalancer();
});

afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
	await balancer.close();
	routeTo = undefined;
	await sandbox.close();
});

afterAll(async () => {
	for (const loaded of packages) disposeTriggerPackage(loaded);
	await closeEngineRuntime();
});

interface Process {
	workflow: EngineTriggerWorkflow;
	url: string;
}

/** One n8n process serving the workflow, on its own port. */
async function startProcess(
	token: IDataObject,
	fresh: boolean,
	sameWorkflowAs?: Process,
	queueWorker = false,
	beforeExecutionEnds?: () => Promise<void>,
): Promise<Process> {
	const loaded = fresh ? await loadTriggerPackageInNewProcess() : await loadTriggerPackage();
	packages.push(loaded);
	let workflow: EngineTriggerWorkflow | undefined;
	const server = await startN8nLikeServer(() => workflow as EngineTriggerWorkflow);
	servers.push(server);
	workflow = new EngineTriggerWorkflow({
		loaded,
		nodeType: 'hubSpotSchedulingTrigger',
		// Webhook processes behind one balancer share WEBHOOK_URL, which the signature check binds to.
		instanceUrl: balancer.url,
		sameWorkflowAs: sameWorkflowAs?.workflow,
		queueWorker,
		beforeExecutionEnds,
		parameters: {
			subscriptionMode: 'appConfiguration',
			authentication: 'oAuth2',
			verifySignature: true,
			secretFrom: 'oAuth2Credential',
			enrich: true,
			contactProperties: 'firstname, email',
		},
		credentials: {
			hubSpotSchedulingOAuth2Api: {
				clientId: 'sandbox-client-id',
				clientSecret: SECRET,
				baseUrl: sandbox.url,
				oauthTokenData: token,
			},
		},
	});
	return { workflow, url: server.url };
}

async function pointHubSpotAt(process: Process): Promise<void> {
	routeTo = process;
	const response = await fetch(`${sandbox.url}/__sandbox/webhooks/target`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			url: `${balancer.url}${process.workflow.webhookPath}`,
			eventFormat: 'generic',
		}),
	});
	expect(response.status).toBe(200);
}

/**
 * HubSpot's delivery sent again, byte for byte with its signature, to one process's port. The Host
 * header stays the one HubSpot called, as a balancer in front of webhook processes keeps it.
 */
async function resend(
	delivery: { url: string; headers: Record<string, string>; rawBody: string },
	to: Process,
): Promise<IDataObject> {
	const url = new URL(delivery.url);
	const target = new URL(to.url);
	const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
		const outgoing = request(
			{
				host: target.hostname,
				port: target.port,
				method: 'POST',
				path: `${url.pathname}${url.search}`,
				headers: { ...delivery.headers, host: url.host },
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
				);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(delivery.rawBody);
	});
	expect(answer).toMatchObject({ status: 200 });
	await to.workflow.idle();
	return JSON.parse(answer.body) as IDataObject;
}

function executionsOf(...processes: Process[]): number {
	return processes.reduce((sum, process) => sum + process.workflow.executions.length, 0);
}

/** Regular mode runs the execution in the process; a queue worker runs it without static data. */
const MODES = [
	{ mode: 'regular mode', queueWorker: false },
	{ mode: 'queue mode', queueWorker: true },
];

it.each(MODES)(
	'starts nothing when a delivery handled before an n8n restart is redelivered after it ($mode)',
	async ({ queueWorker }) => {
		const token = (await connectOAuth2(sandbox)).data.oauthTokenData;
		const before = await startProcess(token, false, undefined, queueWorker);
		await before.workflow.activate();
		await pointHubSpotAt(before);
		sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		sandbox.createContact({ firstname: 'Grace', email: 'grace@hopper.test' });
		sandbox.createContact({ firstname: 'Alan', email: 'alan@turing.test' });
		await sandbox.flushWebhooks();
		await before.workflow.idle();
		expect(before.workflow.executions.map((items) => items.length)).toEqual([3]);

		// The restart: a new process with nothing in memory, the same database.
		const after = await startProcess(token, true, before, queueWorker);
		await after.workflow.activate('init');
		for (const delivery of sandbox.deliveries()) {
			expect(await resend(delivery, after)).toEqual({
				received: 3,
				contactCreations: 3,
				started: 0,
			});
		}
		expect(executionsOf(before, after)).toBe(1);
	},
);

it.each(MODES)(
	'starts one execution per delivery when each is redelivered to the other webhook process ($mode)',
	async ({ queueWorker }) => {
		const token = (await connectOAuth2(sandbox)).data.oauthTokenData;
		const first = await startProcess(token, false, undefined, queueWorker);
		const second = await startProcess(token, true, first, queueWorker);
		await first.workflow.activate();

		// Two deliveries, each served by another process (a balancer's turns).
		await pointHubSpotAt(first);
		sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await sandbox.flushWebhooks();
		await first.workflow.idle();
		await pointHubSpotAt(second);
		sandbox.createContact({ firstname: 'Grace', email: 'grace@hopper.test' });
		await sandbox.flushWebhooks();
		await second.workflow.idle();
		expect([first.workflow.executions.length, second.workflow.executions.length]).toEqual([1, 1]);

		// Each redelivered to the other process starts nothing.
		const [toFirst, toSecond] = sandbox.deliveries();
		expect((await resend(toFirst, second)).started).toBe(0);
		expect((await resend(toSecond, first)).started).toBe(0);
		expect(executionsOf(first, second)).toBe(2);
	},
);

it.each(MODES)(
	'saves the memory from the webhook, before its execution starts, beside what the workflow keeps ($mode)',
	async ({ queueWorker }) => {
		const token = (await connectOAuth2(sandbox)).data.oauthTokenData;
		const process = await startProcess(token, false, undefined, queueWorker);
		process.workflow.database.staticData = {
			'node:HubSpot Trigger': { registration: { appId: '54321' } },
		};
		await process.workflow.activate();
		await pointHubSpotAt(process);
		sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await sandbox.flushWebhooks();
		await process.workflow.idle();

		const [delivered] = sandbox.deliveries();
		const [atStart] = process.workflow.databaseAtExecutionStarts;
		const memory = atStart['node:HubSpot Trigger'] as IDataObject;
		expect(memory.registration).toEqual({ appId: '54321' });
		const keys = (memory.seenEvents as { entries: Array<[string, number]> }).entries.map(
			([key]) => key,
		);
		expect(keys).toHaveLength(2);
		expect(keys.some((key) => key.endsWith(`:${delivered.eventIds[0]}`))).toBe(true);
		expect(keys.some((key) => key.includes(':contact:'))).toBe(true);
		// The execution itself writes nothing: a queue worker has no static data to write into.
		expect(process.workflow.savedStaticData).toEqual(atStart);
	},
);

it('keeps what other deliveries added while an execution was still running (a call, a Wait)', async () => {
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => (release = resolve));
	let executionsEnded = 0;
	// Only the first delivery's execution is still running while the second arrives.
	const holdFirst = async () => {
		executionsEnded += 1;
		if (executionsEnded === 1) await held;
	};
	const token = (await connectOAuth2(sandbox)).data.oauthTokenData;
	const before = await startProcess(token, false, undefined, false, holdFirst);
	await before.workflow.activate();
	await pointHubSpotAt(before);
	sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
	await sandbox.flushWebhooks();
	sandbox.createContact({ firstname: 'Grace', email: 'grace@hopper.test' });
	await sandbox.flushWebhooks();
	release();
	await before.workflow.idle();
	expect(before.workflow.executions).toHaveLength(2);

	const after = await startProcess(token, true, before);
	await after.workflow.activate('init');
	for (const delivery of sandbox.deliveries())
		expect((await resend(delivery, after)).started).toBe(0);
	expect(executionsOf(before, after)).toBe(2);
});
