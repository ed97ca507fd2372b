import type { IDataObject } from 'n8n-workflow';

import { pollNewContacts } from '../../nodes/HubSpotSchedulingPollingTrigger/pollNewContacts';
import { TestClock } from '../harness/testClock';
import { FakeContactSearch } from './helpers/fakeContactSearch';
import { fakePollContext } from './helpers/fakeContexts';

const START = Date.UTC(2026, 10, 23, 14, 0, 0); // Monday 23 Nov 2026, 14:00 UTC
let account = 0;

/** One polling trigger with its static data, polled again and again like n8n's scheduler does. */
class PollingScenario {
	readonly clock = new TestClock({ startMs: START, flow: 'frozen', sleeps: 'skip' });
	readonly search = new FakeContactSearch(() => this.clock.now());
	staticData: IDataObject = {};
	// A loopback base URL per scenario: each is its own account for the pacer, and an allowed host.
	private readonly baseUrl = `http://127.0.0.1:${40_000 + ++account}`;

	constructor(private readonly parameters: Record<string, unknown> = {}) {}

	async poll(options: { mode?: string; pollBudgetMs?: number } = {}) {
		const { ctx, environment } = fakePollContext({
			parameters: {
				authentication: 'serviceKey',
				contactProperties: 'firstname, lastname, email, phone',
				addCallWindow: false,
				indexLagSeconds: 120,
				options: {},
				...this.parameters,
			},
			credentials: {
				hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-test', baseUrl: this.baseUrl },
			},
			hubspot: this.search.answer,
			staticData: this.staticData,
			mode: options.mode,
			pollBudgetMs: options.pollBudgetMs,
		});
		const result = await pollNewContacts.call(ctx, { clock: this.clock });
		return { ids: (result?.[0] ?? []).map((item) => item.json.contactId), result, environment };
	}

	/** n8n saves static data as JSON and reads it back after a restart. */
	restart(): void {
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
	}

	create(
		id: string,
		createdAtMs: number,
		lagMs = 0,
		properties?: Record<string, string | null>,
	): void {
		this.search.add({ id, createdAtMs, indexedAtMs: createdAtMs + lagMs, properties });
	}

	advance(ms: number): void {
		this.clock.advance(ms);
	}
}

describe('HubSpot Scheduling Polling Trigger', () => {
	it('starts from now on the first activation and emits nothing from the history', async () => {
		const scenario = new PollingScenario();
		scenario.create('1', START - 86_400_000);
		scenario.create('2', START - 1_000);
		const first = await scenario.poll();
		expect(first.result).toBeNull();
		expect(first.environment.calls).toEqual([]);
		scenario.advance(60_000);
		expect((await scenario.poll()).ids).toEqual([]);
	});

	it('emits each new contact once, oldest first, with the requested properties', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		scenario.create('10', START + 5_000, 0, {
			firstname: 'Ada',
			lastname: 'Lovelace',
			email: 'ada@example.com',
			phone: '020 7946 0000',
			company: 'AE',
		});
		scenario.create('11', START + 6_000);
		scenario.advance(60_000);
		const first = await scenario.poll();
		scenario.advance(60_000);
		const second = await scenario.poll();

		expect(first.ids).toEqual(['10', '11']);
		expect(second.ids).toEqual([]);
		expect(first.result?.[0][0].json).toEqual({
			contactId: '10',
			createdAt: '2026-11-23T14:00:05.000Z',
			source: 'poll',
			contact: {
				id: '10',
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
				properties: {
					firstname: 'Ada',
					lastname: 'Lovelace',
					email: 'ada@example.com',
					phone: '020 7946 0000',
					company: 'AE',
					createdate: '2026-11-23T14:00:05.000Z',
					hs_object_id: '10',
				},
			},
		});
		expect(scenario.search.searches[0]).toEqual({
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
		scenario.create('10', START + 5_000, 0, { phone: '020 7946 0000' });
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
		scenario.create('20', sameMs);
		scenario.create('21', sameMs);
		scenario.create('22', sameMs, 45_000);
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
		scenario.create('30', START + 1_000, 90_000); // created first, searchable 90 s later
		scenario.create('31', START + 2_000);
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
		scenario.create('40', START + 1_000);
		scenario.create('41', START + 1_000);
		scenario.advance(30_000);
		expect((await scenario.poll()).ids).toEqual(['40', '41']);
		// Only positions are stored, never contact data.
		expect(scenario.staticData).toEqual({
			pollState: {
				version: 1,
				floor: { createdAtMs: START, id: '' },
				highWater: { createdAtMs: START + 1_000, id: '41' },
				seen: [
					['40', START + 1_000],
					['41', START + 1_000],
				],
			},
		});
		scenario.restart();
		scenario.create('42', START + 1_000, 40_000);
		scenario.create('43', START + 50_000);
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
			scenario.create(String(1_000 + index), START + 1_000 + index);
		scenario.advance(60_000);
		const { ids } = await scenario.poll();
		expect(ids).toHaveLength(450);
		expect(ids[0]).toBe('1000');
		expect(ids[449]).toBe('1449');
		expect(new Set(ids).size).toBe(450);
		expect(scenario.search.searches.map((body) => body.after)).toEqual([undefined, '200', '400']);
	});

	it('restarts the search from the newest create date before passing the 10,000-result cap', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		for (let index = 0; index < 10_050; index++)
			scenario.create(String(100_000 + index), START + 1_000 + index);
		scenario.advance(60_000);
		const { ids } = await scenario.poll();
		expect(ids).toHaveLength(10_050);
		expect(new Set(ids).size).toBe(10_050);
		const restart = scenario.search.searches[50];
		expect(restart.after).toBeUndefined();
		expect(restart.filterGroups?.[0].filters[0].value).toBe(String(START + 1_000 + 9_999));
		scenario.advance(60_000);
		expect((await scenario.poll()).ids).toEqual([]);
	}, 60_000);

	it('stops paging when its time budget runs out and continues with the next poll', async () => {
		const scenario = new PollingScenario();
		await scenario.poll();
		for (let index = 0; index < 1_000; index++)
			scenario.create(String(5_000 + index), START + 1_000 + index);
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
		scenario.create('1', START - 86_400_000);
		scenario.create('2', START - 1_000, 0, { firstname: 'Grace' });
		const manual = await scenario.poll({ mode: 'manual' });
		expect(manual.ids).toEqual(['2']);
		expect(scenario.search.searches[0]).toMatchObject({
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
		scenario.create('50', START + 1_000, 0, { hs_timezone: 'america_slash_los_angeles' });
		scenario.create('51', START + 2_000);
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
