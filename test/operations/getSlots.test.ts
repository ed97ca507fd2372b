import { DateTime } from 'luxon';

import type { Sandbox } from '../../sandbox/server';
import { closeEngineRuntime } from '../harness/runtime';
import { fixtureWithPublishedBusyOnlySlots, oracleStarts } from './helpers/oracle';
import {
	apiCalls,
	outputItems,
	outputJson,
	pinClock,
	runScheduling,
	slug,
	startPinnedSandbox,
} from './helpers/schedulingRun';

const NY = 'America/New_York';
const BOOKING_INFO = '/scheduler/2026-09/meetings/meeting-links/book';
const AVAILABILITY = '/scheduler/2026-09/meetings/meeting-links/book/availability-page';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startPinnedSandbox();
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
	await closeEngineRuntime();
});

function dayRange(startIso: string, days: number, zone: string) {
	const from = DateTime.fromISO(startIso, { zone });
	return { fromMs: from.toMillis(), toMs: from.plus({ days }).toMillis() };
}

function startsOf(json: Record<string, unknown>): number[] {
	return (json.slots as Array<{ startMs: number }>).map((slot) => slot.startMs);
}

describe('Get Slots', () => {
	it('reads one day of a personal link with one call and says the times on one line', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-30',
		});

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOKING_INFO}/alex-demo`, query: { timezone: NY } },
		]);
		const [json] = outputJson(result);
		expect(json).toMatchObject({
			meetingLink: 'alex-demo',
			timeZone: NY,
			durationMinutes: 15,
			from: '2026-10-30T00:00:00-04:00',
			to: '2026-10-31T00:00:00-04:00',
			count: 20,
			totalAvailable: 20,
			speech:
				'Available on Friday, October 30 at 9:00 AM, 10:00 AM, 11:00 AM, 1:15 PM, or 3:15 PM. There are 15 more times as well.',
		});
		expect((json.slots as unknown[])[0]).toEqual({
			start: '2026-10-30T09:00:00-04:00',
			end: '2026-10-30T09:15:00-04:00',
			startUtc: '2026-10-30T13:00:00Z',
			endUtc: '2026-10-30T13:15:00Z',
			startMs: 1793365200000,
			endMs: 1793366100000,
			timeZone: NY,
			label: 'Friday, October 30 at 9:00 AM',
		});
		expect(json.speech).not.toMatch(/[\r\n]/);
		expect(outputItems(result).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);

		sandbox.clearLog();
		const { fromMs, toMs } = dayRange('2026-10-30', 1, NY);
		const oracle = await oracleStarts(sandbox.url, 'alex-demo', {
			zone: NY,
			monthOffsets: [0],
			durationMs: 900_000,
			fromMs,
			toMs,
		});
		expect(startsOf(json)).toEqual(oracle);
	});

	it('trims "from" to whole seconds when the range starts now', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
		});

		const [json] = outputJson(result);
		expect(json.from).toMatch(/^2026-10-29T09:\d{2}:\d{2}-04:00$/);
		expect(json.to).toBe('2026-10-30T00:00:00-04:00');
		// A 60-minute minimum notice: today's first slot is 10:00 or later.
		expect((json.slots as Array<{ start: string }>)[0].start).toBe('2026-10-29T10:15:00-04:00');
	});

	it('encodes a team slug as one path segment (%2F) and uses the Time Zone given', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('team/ai-booked-call'),
			startDate: '2026-10-30',
			timeZone: 'Europe/London',
		});

		expect(apiCalls(sandbox)).toEqual([
			{
				method: 'GET',
				path: `${BOOKING_INFO}/team%2Fai-booked-call`,
				query: { timezone: 'Europe/London' },
			},
		]);
		const [json] = outputJson(result);
		expect(json).toMatchObject({
			meetingLink: 'team/ai-booked-call',
			timeZone: 'Europe/London',
			timeZoneFrom: 'Time Zone field',
			durationMinutes: 30,
			from: '2026-10-30T00:00:00+00:00',
		});
		expect((json.slots as Array<{ start: string; label: string }>)[0]).toMatchObject({
			start: '2026-10-30T08:00:00+00:00',
			label: 'Friday, October 30 at 8:00 AM',
		});
		sandbox.clearLog();
		const { fromMs, toMs } = dayRange('2026-10-30', 1, 'Europe/London');
		expect(startsOf(json)).toEqual(
			await oracleStarts(sandbox.url, 'team/ai-booked-call', {
				zone: NY,
				monthOffsets: [0],
				durationMs: 1_800_000,
				fromMs,
				toMs,
			}),
		);
	});

	it.each([
		['https://meetings.hubspot.com/team/ai-booked-call', `${BOOKING_INFO}/team%2Fai-booked-call`],
		['https://meetings.hubspot.com/alex-demo?uuid=1234', `${BOOKING_INFO}/alex-demo`],
		['https://meetings-eu1.hubspot.com/alex-demo/', `${BOOKING_INFO}/alex-demo`],
	])('takes the slug from the link URL %s', async (url, path) => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: { __rl: true, mode: 'url', value: url },
			startDate: '2026-10-30',
		});

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)).toEqual([{ method: 'GET', path, query: { timezone: NY } }]);
	});

	it('uses a requested duration the link offers', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-30',
			duration: 60,
		});

		const [json] = outputJson(result);
		expect(json.durationMinutes).toBe(60);
		expect((json.slots as Array<{ start: string; end: string }>)[0]).toMatchObject({
			start: '2026-10-30T09:00:00-04:00',
			end: '2026-10-30T10:00:00-04:00',
		});
		sandbox.clearLog();
		const { fromMs, toMs } = dayRange('2026-10-30', 1, NY);
		expect(startsOf(json)).toEqual(
			await oracleStarts(sandbox.url, 'alex-demo', {
				zone: NY,
				monthOffsets: [0],
				durationMs: 3_600_000,
				fromMs,
				toMs,
			}),
		);
	});

	it('reads the next month too when the days cross a month boundary, and no other month', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-30',
			daysAhead: 4,
		});

		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOKING_INFO}/alex-demo`, query: { timezone: NY } },
			{
				method: 'GET',
				path: `${AVAILABILITY}/alex-demo`,
				query: { timezone: NY, monthOffset: '1' },
			},
		]);
		const [json] = outputJson(result);
		const days = new Set(
			(json.slots as Array<{ start: string }>).map((slot) => slot.start.slice(0, 10)),
		);
		expect([...days]).toEqual(['2026-10-30', '2026-11-02']);
		sandbox.clearLog();
		const { fromMs, toMs } = dayRange('2026-10-30', 4, NY);
		expect(startsOf(json)).toEqual(
			await oracleStarts(sandbox.url, 'alex-demo', {
				zone: NY,
				monthOffsets: [0, 1],
				durationMs: 900_000,
				fromMs,
				toMs,
			}),
		);
	});

	it('reads two later months in parallel, and not the current one', async () => {
		// Hold November's page until December's request has arrived: only parallel requests get there.
		sandbox.faults.add({
			method: 'GET',
			pathRegex: 'availability-page/alex-demo$',
			times: 1,
			action: { kind: 'delay', ms: 1500 },
		});
		const running = runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-11-30',
			daysAhead: 3,
		});
		const pagesInFlight = await waitFor(() => {
			const pages = sandbox
				.requestLog()
				.filter((entry) => entry.path.includes('availability-page'));
			return pages.length === 2 ? pages : undefined;
		});
		expect(pagesInFlight.map((entry) => entry.status)).toContain(null);
		const result = await running;

		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox);
		expect(calls[0]).toEqual({
			method: 'GET',
			path: `${BOOKING_INFO}/alex-demo`,
			query: { timezone: NY },
		});
		expect(
			calls
				.slice(1)
				.map((call) => call.query)
				.sort((a, b) => Number(a?.monthOffset) - Number(b?.monthOffset)),
		).toEqual([
			{ timezone: NY, monthOffset: '1' },
			{ timezone: NY, monthOffset: '2' },
		]);
		const [json] = outputJson(result);
		sandbox.clearLog();
		const { fromMs, toMs } = dayRange('2026-11-30', 3, NY);
		const oracle = await oracleStarts(sandbox.url, 'alex-demo', {
			zone: NY,
			monthOffsets: [1, 2],
			durationMs: 900_000,
			fromMs,
			toMs,
		});
		expect(oracle.length).toBeGreaterThan(0);
		expect(startsOf(json)).toEqual(oracle);
	});

	it('returns one item per slot, each paired with its input item', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-30',
			duration: 60,
			maxSlots: 2,
			output: 'perSlot',
		});

		expect(outputItems(result)).toEqual([
			{
				json: {
					meetingLink: 'alex-demo',
					durationMinutes: 60,
					start: '2026-10-30T09:00:00-04:00',
					end: '2026-10-30T10:00:00-04:00',
					startUtc: '2026-10-30T13:00:00Z',
					endUtc: '2026-10-30T14:00:00Z',
					startMs: 1793365200000,
					endMs: 1793368800000,
					timeZone: NY,
					label: 'Friday, October 30 at 9:00 AM',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					meetingLink: 'alex-demo',
					durationMinutes: 60,
					start: '2026-10-30T09:15:00-04:00',
					end: '2026-10-30T10:15:00-04:00',
					startUtc: '2026-10-30T13:15:00Z',
					endUtc: '2026-10-30T14:15:00Z',
					startMs: 1793366100000,
					endMs: 1793369700000,
					timeZone: NY,
					label: 'Friday, October 30 at 9:15 AM',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('caps the slots and says so when there are none', async () => {
		const capped = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-30',
			maxSlots: 3,
		});
		expect(outputJson(capped)[0]).toMatchObject({
			count: 3,
			totalAvailable: 20,
			speech: 'Available on Friday, October 30 at 9:00 AM, 9:15 AM, or 9:30 AM.',
		});

		const weekend = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-31',
			daysAhead: 2,
		});
		expect(outputJson(weekend)[0]).toMatchObject({
			count: 0,
			slots: [],
			speech: 'There are no free times in that period. Would another day work?',
		});
	});
});

describe('Get Slots on a link without ready-made availability (busy-only)', () => {
	let oracleSandbox: Sandbox;

	beforeAll(async () => {
		// Same clock, same fixture, except that this one publishes the slots HubSpot would offer.
		oracleSandbox = await startPinnedSandbox({
			fixture: fixtureWithPublishedBusyOnlySlots(),
			now: pinClock(),
		});
	});

	afterAll(async () => {
		await oracleSandbox.close();
	});

	it('computes the slots from busy times across a month boundary and the daylight-saving change, as HubSpot would', async () => {
		const zone = 'America/Los_Angeles';
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('busy-only'),
			startDate: '2026-10-30',
			daysAhead: 5,
			// The organizer's zone: HubSpot does not expose the zone of the link's weekly hours.
			timeZone: zone,
		});

		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox);
		expect(calls[0]).toEqual({
			method: 'GET',
			path: `${BOOKING_INFO}/busy-only`,
			query: { timezone: zone },
		});
		expect(
			calls
				.slice(1)
				.map((call) => call.query?.monthOffset)
				.sort(),
		).toEqual(['0', '1']);
		const [json] = outputJson(result);
		expect(json.timeZone).toBe(zone);
		const sunday = (json.slots as Array<{ start: string }>)
			.map((slot) => slot.start)
			.filter((start) => start.startsWith('2026-11-01'));
		// 00:00–04:00 on the night the clocks go back holds five hours: 1:30 PDT is followed by 1:15 PST.
		expect(sunday).toEqual([
			'2026-11-01T00:00:00-07:00',
			'2026-11-01T00:45:00-07:00',
			'2026-11-01T01:30:00-07:00',
			'2026-11-01T01:15:00-08:00',
			'2026-11-01T02:00:00-08:00',
			'2026-11-01T02:45:00-08:00',
		]);
		const { fromMs, toMs } = dayRange('2026-10-30', 5, zone);
		expect(startsOf(json)).toEqual(
			await oracleStarts(oracleSandbox.url, 'busy-only', {
				zone: NY,
				monthOffsets: [0, 1],
				durationMs: 2_700_000,
				fromMs,
				toMs,
			}),
		);
	});

	it('reads only the month the days are in', async () => {
		const zone = 'America/Los_Angeles';
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('busy-only'),
			startDate: '2026-11-02',
			daysAhead: 3,
			timeZone: zone,
		});

		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOKING_INFO}/busy-only`, query: { timezone: zone } },
			{
				method: 'GET',
				path: `${AVAILABILITY}/busy-only`,
				query: { timezone: zone, monthOffset: '1' },
			},
		]);
		const [json] = outputJson(result);
		const { fromMs, toMs } = dayRange('2026-11-02', 3, zone);
		expect(startsOf(json)).toEqual(
			await oracleStarts(oracleSandbox.url, 'busy-only', {
				zone: NY,
				monthOffsets: [1],
				durationMs: 2_700_000,
				fromMs,
				toMs,
			}),
		);
	});
});

describe('Get Slots time zones', () => {
	it("refuses the busy-times fallback without an explicit Time Zone, instead of guessing the organizer's zone", async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('busy-only'),
			startDate: '2026-11-02',
			daysAhead: 3,
		});

		expect(result.error?.message).toBe(
			'Invalid Time Zone: The meeting link "busy-only" answers with busy times only, so its free times must be worked out from its weekly hours, which are in the organizer\'s time zone. HubSpot does not say which zone that is: set the Time Zone field to the organizer\'s IANA zone (for example America/New_York).',
		);
	});

	it("uses the workflow's zone without a Time Zone, and says so", async () => {
		const result = await runScheduling(
			sandbox,
			{ operation: 'getSlots', meetingLink: slug('alex-demo'), startDate: '2026-10-30' },
			{ timezone: 'Europe/Berlin' },
		);

		expect(outputJson(result)[0]).toMatchObject({
			timeZone: 'Europe/Berlin',
			timeZoneFrom: 'workflow',
		});
	});
});

describe('Get Slots for many items in one execution', () => {
	it('reads a link and each month page once for all the items that ask about them', async () => {
		const result = await runScheduling(
			sandbox,
			{
				operation: 'getSlots',
				meetingLink: slug('alex-demo'),
				startDate: '={{ $json.day }}',
			},
			{
				input: [
					{ day: '2026-10-30' },
					{ day: '2026-11-02' },
					{ day: '2026-10-30' },
					{ day: '2026-11-03' },
				],
			},
		);

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOKING_INFO}/alex-demo`, query: { timezone: NY } },
			{
				method: 'GET',
				path: `${AVAILABILITY}/alex-demo`,
				query: { timezone: NY, monthOffset: '1' },
			},
		]);
		const outputs = outputJson(result);
		expect(outputs.map((json) => json.from)).toEqual([
			'2026-10-30T00:00:00-04:00',
			'2026-11-02T00:00:00-05:00',
			'2026-10-30T00:00:00-04:00',
			'2026-11-03T00:00:00-05:00',
		]);
		expect(outputItems(result).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		// Each item gets what a run of its own would have given.
		sandbox.clearLog();
		for (const [index, day] of ['2026-10-30', '2026-11-02'].entries()) {
			const alone = await runScheduling(sandbox, {
				operation: 'getSlots',
				meetingLink: slug('alex-demo'),
				startDate: day,
			});
			expect(outputJson(alone)[0].slots).toEqual(outputs[index].slots);
		}
	});

	it('asks again for the next item when a shared read failed, so one error does not spread', async () => {
		sandbox.faults.add({
			method: 'GET',
			path: `${BOOKING_INFO}/alex-demo`,
			times: 1,
			action: { status: 404, body: { status: 'error', message: 'slug does not exist' } },
		});
		const result = await runScheduling(
			sandbox,
			{ operation: 'getSlots', meetingLink: slug('alex-demo'), startDate: '2026-10-30' },
			{ input: [{}, {}], continueOnFail: true },
		);

		expect(apiCalls(sandbox).map((call) => call.path)).toEqual([
			`${BOOKING_INFO}/alex-demo`,
			`${BOOKING_INFO}/alex-demo`,
		]);
		const [failed, answered] = outputJson(result);
		expect(failed.error).toEqual(expect.any(String));
		expect(answered).toMatchObject({ meetingLink: 'alex-demo', count: 20 });
	});
});

describe('Get Slots with a time limit (Answer Within)', () => {
	it('stops waiting for a slow HubSpot in time and says why, instead of retrying past the limit', async () => {
		sandbox.faults.add({
			path: `${BOOKING_INFO}/alex-demo`,
			times: 1,
			action: { kind: 'delay', ms: 1_500 },
		});
		const result = await runScheduling(
			sandbox,
			{
				operation: 'getSlots',
				meetingLink: slug('alex-demo'),
				startDate: '2026-10-30',
				answerWithinSeconds: 1,
			},
			{ continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(outputJson(result)[0].error).toMatch(
			/^Waiting another \d+ ms for HubSpot would pass the node's time limit \(Answer Within: 1 s\)$/,
		);
		expect(apiCalls(sandbox).map((call) => call.path)).toEqual([`${BOOKING_INFO}/alex-demo`]);
	});

	it('changes nothing when HubSpot answers in time', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: '2026-10-30',
			answerWithinSeconds: 5,
		});
		expect(outputJson(result)[0]).toMatchObject({ meetingLink: 'alex-demo', count: 20 });
	});
});

describe('Get Slots refuses invalid items before calling HubSpot', () => {
	it.each([
		[
			'a path traversal slug',
			{ meetingLink: slug('../admin') },
			'Invalid Meeting Link: “../admin” is not a HubSpot meeting-link slug.',
		],
		[
			'a slug with a hidden traversal',
			{ meetingLink: slug('team/../../crm') },
			'Invalid Meeting Link: “team/../../crm” is not a HubSpot meeting-link slug.',
		],
		[
			'a slug with a query string',
			{ meetingLink: slug('alex-demo?x=1') },
			'Invalid Meeting Link: “alex-demo?x=1” is not a HubSpot meeting-link slug.',
		],
		[
			'a time limit that is not a whole number of seconds',
			{ meetingLink: slug('alex-demo'), answerWithinSeconds: 2.5 },
			'Invalid Answer Within (Seconds): must be a whole number from 0 to 300.',
		],
		[
			'a link URL with a broken %-escape',
			{
				meetingLink: {
					__rl: true,
					mode: 'url',
					value: 'https://meetings.hubspot.com/alex%E0%A4%A',
				},
			},
			'Invalid Meeting Link: “https://meetings.hubspot.com/alex%E0%A4%A” is not a readable meeting link URL (a broken %-escape).',
		],
		[
			'a slug that comes out empty',
			{ meetingLink: slug('={{ $json.missing ?? "" }}') },
			'Invalid Meeting Link: “” is not a HubSpot meeting-link slug.',
		],
		[
			'an unknown time zone',
			{ meetingLink: slug('alex-demo'), timeZone: 'Mars/Olympus' },
			'Invalid Time Zone: “Mars/Olympus” is not an IANA time zone.',
		],
		[
			'a time zone abbreviation (a fixed offset that ignores daylight saving)',
			{ meetingLink: slug('alex-demo'), timeZone: 'EST' },
			'Invalid Time Zone: “EST” is an abbreviation, not an IANA time zone (abbreviations are fixed offsets and ignore daylight saving). Use America/New_York.',
		],
		[
			'MST, with both likely zones named',
			{ meetingLink: slug('alex-demo'), timeZone: 'MST' },
			'Invalid Time Zone: “MST” is an abbreviation, not an IANA time zone (abbreviations are fixed offsets and ignore daylight saving). Use America/Denver or America/Phoenix.',
		],
		[
			'an unreadable start date',
			{ meetingLink: slug('alex-demo'), startDate: 'next blursday' },
			'Invalid Start Date: “next blursday” is not a date and time I understand.',
		],
		[
			'a range already over',
			{ meetingLink: slug('alex-demo'), startDate: '2026-10-20', daysAhead: 2 },
			'Invalid Start Date: 2026-10-20 plus 2 day(s) is already over. Give today or a later date.',
		],
		[
			'a range that ended at midnight today (refused before the link is read)',
			{ meetingLink: slug('alex-demo'), startDate: '2026-10-28', daysAhead: 1 },
			'Invalid Start Date: 2026-10-28 plus 1 day(s) is already over. Give today or a later date.',
		],
		[
			'zero days ahead',
			{ meetingLink: slug('alex-demo'), daysAhead: 0 },
			'Invalid Days Ahead: must be a whole number from 1 to 62.',
		],
	])('%s', async (_case, parameters, message) => {
		const result = await runScheduling(sandbox, { operation: 'getSlots', ...parameters });

		expect(result.status).toBe('error');
		expect(result.error?.message.startsWith(message)).toBe(true);
		expect(result.error?.itemIndex).toBe(0);
		expect(apiCalls(sandbox)).toEqual([]);
	});

	it('refuses a duration the link does not offer after reading the link, and makes no other call', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			duration: 45,
		});

		expect(result.error).toMatchObject({
			message:
				'Invalid Duration (Minutes): this meeting link does not offer 45-minute meetings. Choose one of: 15, 30, 60 minutes (or 0 for the default).',
			description:
				'Fix the "Duration (Minutes)" parameter of item 0 and run again. This item was only read from HubSpot; nothing was written.',
			itemIndex: 0,
		});
		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOKING_INFO}/alex-demo`, query: { timezone: NY } },
		]);
	});

	it('names the failing item: the second of two', async () => {
		const result = await runScheduling(
			sandbox,
			{
				operation: 'getSlots',
				meetingLink: slug('alex-demo'),
				timeZone: '={{ $json.zone }}',
				startDate: '2026-10-30',
			},
			{ input: [{ zone: NY }, { zone: 'Eastern' }] },
		);

		expect(result.error).toMatchObject({ itemIndex: 1 });
		expect(result.error?.message).toMatch(/^Invalid Time Zone: “Eastern”/);
		expect(result.error?.description).toBe(
			'Fix the "Time Zone" parameter of item 1 and run again. Nothing was sent to HubSpot for this item.',
		);
		expect(apiCalls(sandbox)).toHaveLength(1);
	});
});

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
	for (let attempt = 0; attempt < 400; attempt++) {
		const value = probe();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('The condition was not met within 4 seconds');
}
