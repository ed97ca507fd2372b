import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { pollNewContacts } from '../../nodes/HubSpotSchedulingPollingTrigger/pollNewContacts';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox, SandboxFixture } from '../../sandbox/server';
import { TestClock } from '../harness/testClock';
import { fakePollContext } from './helpers/fakeContexts';

const START = Date.UTC(2026, 10, 23, 14, 0, 0); // Monday 23 Nov 2026, 14:00 UTC
const SERVICE_KEY = 'pat-na1-sandbox-full';
const SEARCH_PATH = '/crm/objects/2026-09/contacts/search';
/** The default portal without its contacts and meetings: every contact is the test's own. */
const PORTAL_WITHOUT_CONTACTS = {
	...(JSON.parse(
		readFileSync(path.join(__dirname, '../../sandbox/fixtures/default.json'), 'utf8'),
	) as SandboxFixture),
	contacts: [],
	meetings: [],
};

const scenarios: PollingScenario[] = [];
afterEach(async () => {
	await Promise.all(scenarios.splice(0).map(async (scenario) => await scenario.close()));
});

/**
 * One polling trigger with its static data, polled again and again like n8n's scheduler does,
 * against its own sandbox (its own account, so no pacing carries over between tests). The sandbox
 * and the trigger read one frozen clock; a contact is created at its instant with its own index
 * lag, so the clock only moves forward. Contacts are named in the test; `ids` maps them back.
 */
class PollingScenario {
	readonly clock = new TestClock({
		startMs: START - 2 * 86_400_000,
		flow: 'frozen',
		sleeps: 'skip',
	});
	staticData: IDataObject = {};
	private sandbox: Sandbox | undefined;
	private readonly names = new Map<string, string>();
	private readonly idsByName = new Map<string, string>();
	/** The scenario's time: polls happen here; contacts may be created up to it. */
	private at = START;
	private lagMs = 0;

	constructor(private readonly parameters: Record<string, unknown> = {}) {
		scenarios.push(this);
	}

	private async hubspot(): Promise<Sandbox> {
		this.sandbox ??= await startSandbox({ now: this.clock.now, fixture: PORTAL_WITHOUT_CONTACTS });
		return this.sandbox;
	}

	async poll(options: { mode?: string; pollBudgetMs?: number } = {}) {
		const sandbox = await this.hubspot();
		this.moveClockTo(this.at);
		const credentials = {
			hubSpotSchedulingServiceKeyApi: { accessToken: SERVICE_KEY, baseUrl: sandbox.url },
		};
		const { ctx, environment } = fakePollContext({
			parameters: {
				authentication: 'serviceKey',
				contactProperties: 'firstname, lastname, email, phone',
				addCallWindow: false,
				indexLagSeconds: 120,
				options: {},
				...this.parameters,
			},
			credentials,
			sandbox,
			staticData: this.staticData,
			mode: options.mode,
			pollBudgetMs: options.pollBudgetMs,
		});
		const result = await pollNewContacts.call(ctx, { clock: this.clock });
		const ids = (result?.[0] ?? []).map((item) => this.nameOf(String(item.json.contactId)));
		return { ids, result, environment };
	}

	/** n8n saves static data as JSON and reads it back after a restart. */
	restart(): void {
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
	}

	/** A contact created in HubSpot at `atMs`, searchable `lagMs` later. */
	async create(
		name: string,
		atMs: number,
		lagMs = 0,
		properties: Record<string, string> = {},
	): Promise<void> {
		const sandbox = await this.hubspot();
		this.moveClockTo(atMs, true);
		// The sandbox applies its current index lag to each write as it happens.
		if (lagMs !== this.lagMs) await control(sandbox, 'config', { searchIndexLagMs: lagMs });
		this.lagMs = lagMs;
		const id = sandbox.createContact({ ...properties });
		this.names.set(id, name);
		this.idsByName.set(name, id);
	}

	advance(ms: number): void {
		this.at += ms;
	}

	id(name: string): string {
		return this.idsByName.get(name) ?? name;
	}

	/** The contact searches the trigger sent, as HubSpot received them. */
	searches(): Array<
		{ after?: string; filterGroups?: Array<{ filters: Array<{ value: string }> }> } & Record<
			string,
			unknown
		>
	> {
		return (this.sandbox?.requestLog() ?? [])
			.filter((entry) => entry.path === SEARCH_PATH)
			.map((entry) => entry.body as ReturnType<PollingScenario['searches']>[number]);
	}

	async close(): Promise<void> {
		await this.sandbox?.close();
	}

	private nameOf(id: string): string {
		return this.names.get(id) ?? id;
	}

	/** Polls may find the clock already later (a poll's pacing sleeps move it); a creation may not. */
	private moveClockTo(ms: number, exactly = false): void {
		const ahead = ms - this.clock.now();
		if (ahead < 0 && exactly) throw new Error('A scenario can only move its clock forward');
		if (ahead > 0) this.clock.advance(ahead);
	}
}

async function control(sandbox: Sandbox, path: string, body: unknown): Promise<void> {
	const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status !== 200) throw new Error(`${path}: ${await response.text()}`);
}

describe('HubSpot Scheduling Polling Trigger', () => {
	it('starts from now on the first activation and emits nothing from the history', async () => {
		const scenario = new PollingScenario();
		await scenario.create('1', START - 86_400_000);
		await scenario.create('2', START - 1_000);
		const first = await scenario.poll();
		expect(first.result).toBeNull();
		expect(first.environment.calls).toEqual([]);
		scenario.advance(60_000);
		expect((await scenario.poll()).ids).toEqual([]);
	});

	it('emits each new contact once, oldest first, with the requested properties', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		await scenario.create('10', START + 5_000, 0, {
			firstname: 'Ada',
			lastname: 'Lovelace',
			email: 'ada@example.com',
			phone: '020 7946 0000',
			company: 'AE',
		});
		await scenario.create('11', START + 6_000);
		scenario.advance(60_000);
		const first = await scenario.poll();
		scenario.advance(60_000);
		const second = await scenario.poll();

		expect(first.ids).toEqual(['10', '11']);
		expect(second.ids).toEqual([]);
		expect(first.result?.[0][0].json).toEqual({
			contactId: scenario.id('10'),
			createdAt: '2026-11-23T14:00:05.000Z',
			source: 'poll',
			contact: {
				id: scenario.id('10'),
				firstName: 'Ada',
				lastName: 'Lovelace',
				fullName: 'Ada Lovelace',
				email: 'ada@example.com',
				phone: '020 7946 0000',
				mobilePhone: null,
				phoneE164: null,
				company: 'AE',
				city: null,
				timeZone: null,
				// As HubSpot answers: every requested property (null when empty) and its defaults.
				properties: {
					firstname: 'Ada',
					lastname: 'Lovelace',
					email: 'ada@example.com',
					phone: '020 7946 0000',
					mobilephone: null,
					company: 'AE',
					city: null,
					hs_timezone: null,
					createdate: '2026-11-23T14:00:05.000Z',
					lastmodifieddate: '2026-11-23T14:00:05.000Z',
					hs_object_id: scenario.id('10'),
				},
			},
		});
		expect(scenario.searches()[0]).toEqual({
			filterGroups: [
				{ filters: [{ propertyName: 'createdate', operator: 'GTE', value: String(START) }] },
			],
			sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
			properties: [
				'firstname',
				'lastname',
				'email',
				'phone',
				'mobilephone',
				'company',
				'city',
				'hs_timezone',
				'createdate',
			],
			limit: 200,
		});
	});

	it('fills phoneE164 from the default phone country', async () => {
		const scenario = new PollingScenario({ options: { defaultPhoneCountry: 'GB' } });
		await scenario.poll();
		await scenario.create('10', START + 5_000, 0, { phone: '020 7946 0000' });
		scenario.advance(60_000);
		const { result } = await scenario.poll();
		expect(result?.[0][0].json.contact).toMatchObject({
			phone: '020 7946 0000',
			phoneE164: '+442079460000',
		});
	});

	it('emits contacts created in the same millisecond once each, even when one is indexed later', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		const sameMs = START + 10_000;
		await scenario.create('20', sameMs);
		await scenario.create('21', sameMs);
		await scenario.create('22', sameMs, 45_000);
		scenario.advance(30_000);
		const first = await scenario.poll();
		scenario.advance(30_000);
		const second = await scenario.poll();
		scenario.advance(30_000);
		const third = await scenario.poll();
		expect([first.ids, second.ids, third.ids]).toEqual([['20', '21'], ['22'], []]);
	});

	it('emits a contact the search index shows late, after newer contacts were already emitted', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		await scenario.create('30', START + 1_000, 90_000); // created first, searchable 90 s later
		await scenario.create('31', START + 2_000);
		scenario.advance(30_000);
		const first = await scenario.poll();
		scenario.advance(70_000);
		const second = await scenario.poll();
		scenario.advance(60_000);
		const third = await scenario.poll();
		expect([first.ids, second.ids, third.ids]).toEqual([['31'], ['30'], []]);
	});

	it('keeps its cursor across a restart of n8n', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		await scenario.create('40', START + 1_000);
		await scenario.create('41', START + 1_000);
		// Created in the same millisecond, searchable only after the next poll.
		await scenario.create('42', START + 1_000, 40_000);
		scenario.advance(30_000);
		expect((await scenario.poll()).ids).toEqual(['40', '41']);
		// Only positions are stored, never contact data.
		expect(scenario.staticData).toEqual({
			pollState: {
				version: 1,
				floor: { createdAtMs: START, id: '' },
				highWater: { createdAtMs: START + 1_000, id: scenario.id('41') },
				seen: [
					[scenario.id('40'), START + 1_000],
					[scenario.id('41'), START + 1_000],
				],
			},
		});
		scenario.restart();
		await scenario.create('43', START + 50_000);
		scenario.advance(30_000);
		expect((await scenario.poll()).ids).toEqual(['42', '43']);
		scenario.restart();
		scenario.advance(30_000);
		expect((await scenario.poll()).ids).toEqual([]);
	});

	it('pages through a burst, 200 at a time', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		for (let index = 0; index < 450; index++)
			await scenario.create(String(1_000 + index), START + 1_000 + index);
		scenario.advance(60_000);
		const { ids } = await scenario.poll();
		expect(ids).toHaveLength(450);
		expect(ids[0]).toBe('1000');
		expect(ids[449]).toBe('1449');
		expect(new Set(ids).size).toBe(450);
		expect(scenario.searches().map((body) => body.after)).toEqual([undefined, '200', '400']);
	});

	it('restarts the search from the newest create date before passing the 10,000-result cap', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		for (let index = 0; index < 10_050; index++)
			await scenario.create(String(100_000 + index), START + 1_000 + index);
		scenario.advance(60_000);
		const { ids } = await scenario.poll();
		expect(ids).toHaveLength(10_050);
		expect(new Set(ids).size).toBe(10_050);
		const restart = scenario.searches()[50];
		expect(restart.after).toBeUndefined();
		expect(restart.filterGroups?.[0].filters[0].value).toBe(String(START + 1_000 + 9_999));
		scenario.advance(60_000);
		expect((await scenario.poll()).ids).toEqual([]);
	}, 300_000);

	it('stops paging when its time budget runs out and continues with the next poll', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		for (let index = 0; index < 1_000; index++)
			await scenario.create(String(5_000 + index), START + 1_000 + index);
		scenario.advance(60_000);
		// Searches are paced 210 ms apart: the fourth page arrives at 630 ms, past 60% of a 1 s budget.
		const first = await scenario.poll({ pollBudgetMs: 1_000 });
		const second = await scenario.poll();
		expect(first.ids).toHaveLength(800);
		expect(first.environment.logs.map((line) => line.message)).toEqual([
			'HubSpot Scheduling Polling Trigger stopped early; the next poll continues from here',
		]);
		expect(second.ids).toHaveLength(200);
		expect(new Set([...first.ids, ...second.ids]).size).toBe(1_000);
	});

	it('shows the newest contact for "Fetch Test Event" without moving the cursor', async () => {
		const scenario = new PollingScenario();
		await scenario.create('1', START - 86_400_000);
		await scenario.create('2', START - 1_000, 0, { firstname: 'Grace' });
		const manual = await scenario.poll({ mode: 'manual' });
		expect(manual.ids).toEqual(['2']);
		expect(scenario.searches()[0]).toMatchObject({
			sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
			limit: 1,
		});
		expect(scenario.staticData).toEqual({});
	});

	it('adds the call window to polled contacts', async () => {
		const scenario = new PollingScenario({
			addCallWindow: true,
			callDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
			callEarliest: '09:00',
			callLatest: '18:00',
			callTimeZoneSource: 'contact',
			callTimeZone: '',
		});
		await scenario.poll();
		await scenario.create('50', START + 1_000, 0, { hs_timezone: 'america_slash_los_angeles' });
		await scenario.create('51', START + 2_000);
		scenario.advance(60_000);
		const { result } = await scenario.poll();
		expect(result?.[0].map((item) => item.json.callWindow)).toEqual([
			{
				openNow: false,
				nextOpenAt: '2026-11-23T09:00:00-08:00',
				zone: 'America/Los_Angeles',
				zoneSource: 'contact',
			},
			{
				openNow: true,
				nextOpenAt: '2026-11-23T14:01:00Z',
				closesAt: '2026-11-23T18:00:00Z',
				zone: 'UTC',
				zoneSource: 'fixed',
			},
		]);
	});
});
