import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import type { LoadedPackage } from '../harness/engine';
import { closeEngineRuntime } from '../harness/runtime';
import { EngineTriggerWorkflow } from './helpers/engineTrigger';
import { disposeTriggerPackage, loadTriggerPackage } from './helpers/triggerPackage';

/**
 * The polling trigger in n8n-core's PollContext and WorkflowExecute against the sandbox's CRM search,
 * with the sandbox's clock and search-index lag under the test's control. Every poll starts from
 * static data saved as JSON, as after a restart of n8n.
 */

let loaded: LoadedPackage;
let sandbox: Sandbox;
let sandboxNow: number;
let workflow: EngineTriggerWorkflow;

beforeAll(async () => {
	loaded = await loadTriggerPackage();
});

beforeEach(async () => {
	sandboxNow = Date.now();
	sandbox = await startSandbox({ port: 0, now: () => sandboxNow, searchIndexLagMs: 0 });
	workflow = new EngineTriggerWorkflow({
		loaded,
		nodeType: 'hubSpotSchedulingPollingTrigger',
		parameters: {
			authentication: 'serviceKey',
			contactProperties: 'firstname, lastname, email, phone',
			indexLagSeconds: 120,
			addCallWindow: false,
			options: {},
		},
		credentials: {
			hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-sandbox-full', baseUrl: sandbox.url },
		},
	});
});

afterEach(async () => {
	await sandbox.close();
});

afterAll(async () => {
	disposeTriggerPackage(loaded);
	await closeEngineRuntime();
});

async function setIndexLag(searchIndexLagMs: number): Promise<void> {
	const response = await fetch(`${sandbox.url}/__sandbox/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ searchIndexLagMs }),
	});
	expect(response.status).toBe(200);
}

function ids(items: IDataObject[] | null): string[] {
	return (items ?? []).map((item) => String(item.contactId));
}

function searches(): IDataObject[] {
	return sandbox
		.requestLog()
		.filter((entry) => entry.path === '/crm/objects/2026-09/contacts/search')
		.map((entry) => entry.body as IDataObject);
}

/** The first activation stores a cursor at "now" and emits nothing; contacts then come after it. */
async function activate(): Promise<void> {
	expect(await workflow.poll()).toBeNull();
	sandboxNow = Math.max(sandboxNow, Date.now()) + 5_000;
}

describe('HubSpot Scheduling Polling Trigger against the sandbox', () => {
	it('emits nothing from the history on the first activation', async () => {
		sandboxNow -= 60_000;
		sandbox.createContact({ firstname: 'Old', email: 'old@history.test' });
		sandboxNow += 60_000;
		expect(await workflow.poll()).toBeNull();
		expect(searches()).toEqual([]);
		sandboxNow += 60_000;
		expect(await workflow.poll()).toBeNull();
		expect(workflow.executions).toEqual([]);
	});

	it('emits contacts created in the same millisecond once each, after the search index shows them', async () => {
		await activate();
		await setIndexLag(60_000);
		const first = sandbox.createContact({
			firstname: 'Ada',
			lastname: 'Lovelace',
			email: 'ada@lovelace.test',
			phone: '+44 20 7946 0000',
		});
		const second = sandbox.createContact({ firstname: 'Grace', email: 'grace@navy.test' });
		const third = sandbox.createContact({ firstname: 'Alan', email: 'alan@turing.test' });

		expect(await workflow.poll()).toBeNull();
		sandboxNow += 61_000;
		const items = await workflow.poll();
		sandboxNow += 60_000;
		expect(await workflow.poll()).toBeNull();

		expect(ids(items)).toEqual([first, second, third]);
		expect(new Set(items?.map((item) => item.createdAt)).size).toBe(1);
		expect(items?.[0]).toMatchObject({
			contactId: first,
			source: 'poll',
			contact: { fullName: 'Ada Lovelace', email: 'ada@lovelace.test', phoneE164: '+442079460000' },
		});
		expect(workflow.executions.map(ids)).toEqual([[first, second, third]]);
	});

	it('emits a contact that the index shows only after a newer one was emitted', async () => {
		await activate();
		await setIndexLag(90_000);
		const late = sandbox.createContact({ firstname: 'Late', email: 'late@lag.test' });
		await setIndexLag(0);
		sandboxNow += 1_000;
		const early = sandbox.createContact({ firstname: 'Early', email: 'early@lag.test' });

		sandboxNow += 29_000;
		const firstPoll = await workflow.poll();
		sandboxNow += 65_000;
		const secondPoll = await workflow.poll();
		sandboxNow += 200_000;
		const thirdPoll = await workflow.poll();

		expect([ids(firstPoll), ids(secondPoll), ids(thirdPoll)]).toEqual([[early], [late], []]);
	});

	it('pages through a burst of new contacts within the search limits', async () => {
		await activate();
		const created: string[] = [];
		for (let index = 0; index < 450; index++) {
			created.push(
				sandbox.createContact({ firstname: `Lead ${index}`, email: `lead${index}@burst.test` }),
			);
			sandboxNow += 1;
		}
		sandboxNow += 10_000;
		const items = await workflow.poll();
		expect(ids(items)).toEqual(created);
		expect(searches().map((body) => [body.limit, body.after])).toEqual([
			[200, undefined],
			[200, '200'],
			[200, '400'],
		]);
		expect(sandbox.requestLog().every((entry) => entry.status === 200)).toBe(true);
		sandboxNow += 10_000;
		expect(await workflow.poll()).toBeNull();
	});

	it('shows the newest contact for "Fetch Test Event" without touching the cursor', async () => {
		sandbox.createContact({ firstname: 'Older', email: 'older@test.test' });
		sandboxNow += 1_000;
		const newest = sandbox.createContact({ firstname: 'Newest', email: 'newest@test.test' });
		const items = await workflow.fetchTestEvent();
		expect(ids(items)).toEqual([newest]);
		expect(workflow.savedStaticData).toEqual({});
	});
});
