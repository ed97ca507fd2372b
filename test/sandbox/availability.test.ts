import { DateTime } from 'luxon';
import { type LinkRules, computeSlots, freeMembers, isBookable } from '../../sandbox/availability';
import { rulesOf } from '../../sandbox/linkSlots';
import type { Sandbox } from '../../sandbox/server';
import {
	type AvailabilityBody,
	type Slot,
	baseFixture,
	call,
	singleLinkFixture,
	testClock,
	withSandbox,
} from './helpers';

const utc = (iso: string) => Date.parse(iso);
const starts = (slots: Slot[]) => slots.map((slot) => new Date(slot.startMillisUtc).toISOString());

async function availability(sandbox: Sandbox, query: string) {
	const reply = await call<AvailabilityBody>(
		sandbox,
		'GET',
		`/scheduler/v3/meetings/meeting-links/book/availability-page/test-link?${query}`,
	);
	expect(reply.status).toBe(200);
	return reply.body;
}

function slotsOf(body: AvailabilityBody, durationMs = 1_800_000): Slot[] {
	return body.linkAvailability?.linkAvailabilityByDuration[String(durationMs)].availabilities ?? [];
}

function onLocalDay(slots: Slot[], zone: string, isoDate: string): Slot[] {
	return slots.filter(
		(slot) => DateTime.fromMillis(slot.startMillisUtc, { zone }).toISODate() === isoDate,
	);
}

describe('availability page (America/New_York link, Mon–Fri 09:00–17:00, 30 min every 15 min)', () => {
	const clock = testClock('2026-03-01T17:00:00.000Z');
	let sandbox: Sandbox;

	afterEach(() => sandbox.close());

	it('offers overlapping 30-minute slots every 15 minutes on weekdays only, across the March DST change', async () => {
		sandbox = await withSandbox({ now: clock.now, fixture: singleLinkFixture({}) });
		const body = await availability(sandbox, 'timezone=America%2FNew_York');
		const slots = slotsOf(body);
		expect(body.linkAvailability?.linkAvailabilityByDuration['1800000'].meetingDurationMillis).toBe(
			1_800_000,
		);
		expect(slots).toHaveLength(10 * 31);
		expect(slots.slice(0, 2)).toEqual([
			{ startMillisUtc: utc('2026-03-02T14:00:00Z'), endMillisUtc: utc('2026-03-02T14:30:00Z') },
			{ startMillisUtc: utc('2026-03-02T14:15:00Z'), endMillisUtc: utc('2026-03-02T14:45:00Z') },
		]);
		expect(starts(onLocalDay(slots, 'America/New_York', '2026-03-02')).at(-1)).toBe(
			'2026-03-02T21:30:00.000Z',
		);
		// 09:00 is still 09:00 after clocks go forward on Sunday 8 March: 13:00 UTC instead of 14:00.
		expect(starts(onLocalDay(slots, 'America/New_York', '2026-03-09'))[0]).toBe(
			'2026-03-09T13:00:00.000Z',
		);
		expect(onLocalDay(slots, 'America/New_York', '2026-03-07')).toEqual([]);
		expect(onLocalDay(slots, 'America/New_York', '2026-03-08')).toEqual([]);
		expect(starts(slots).at(-1)).toBe('2026-03-13T20:30:00.000Z');
		expect(body.linkAvailability?.hasMore).toBe(false);
	});

	it('applies the minimum notice and starts at the next increment', async () => {
		clock.set('2026-03-02T15:07:00.000Z');
		sandbox = await withSandbox({
			now: clock.now,
			fixture: singleLinkFixture({ minimumNoticeMs: 3_600_000 }),
		});
		const slots = slotsOf(await availability(sandbox, 'timezone=America%2FNew_York'));
		expect(starts(slots)[0]).toBe('2026-03-02T16:15:00.000Z');
	});

	it('keeps the buffer clear on both sides of busy time', async () => {
		clock.set('2026-03-01T17:00:00.000Z');
		const busy = {
			recurring: [{ userId: '1100001', days: ['MON_FRI' as const], start: 720, end: 780 }],
		};
		sandbox = await withSandbox({
			now: clock.now,
			fixture: singleLinkFixture({ bufferMs: 900_000 }, busy),
		});
		const monday = starts(
			onLocalDay(
				slotsOf(await availability(sandbox, 'timezone=America%2FNew_York')),
				'America/New_York',
				'2026-03-02',
			),
		);
		expect(monday).toHaveLength(31 - 7);
		expect(monday).toContain('2026-03-02T16:15:00.000Z');
		expect(monday).not.toContain('2026-03-02T16:30:00.000Z');
		expect(monday).not.toContain('2026-03-02T18:00:00.000Z');
		expect(monday).toContain('2026-03-02T18:15:00.000Z');
	});

	it('reports hasMore when the advertising horizon reaches past the month', async () => {
		clock.set('2026-03-20T12:00:00.000Z');
		sandbox = await withSandbox({
			now: clock.now,
			fixture: singleLinkFixture({ weeksToAdvertise: 6 }),
		});
		expect(
			(await availability(sandbox, 'timezone=America%2FNew_York')).linkAvailability?.hasMore,
		).toBe(true);
		expect(
			(await availability(sandbox, 'timezone=America%2FNew_York&monthOffset=1')).linkAvailability
				?.hasMore,
		).toBe(false);
	});

	it('requires a valid timezone and an integer monthOffset', async () => {
		sandbox = await withSandbox({ now: clock.now, fixture: singleLinkFixture({}) });
		const path = '/scheduler/v3/meetings/meeting-links/book/availability-page/test-link';
		expect((await call(sandbox, 'GET', path)).body).toMatchObject({
			category: 'VALIDATION_ERROR',
			message: 'timezone is required',
		});
		expect((await call(sandbox, 'GET', `${path}?timezone=Mars%2FOlympus`)).status).toBe(400);
		expect((await call(sandbox, 'GET', `${path}?timezone=UTC&monthOffset=x`)).status).toBe(400);
	});
});

describe('availability page (Europe/London link across the March BST change)', () => {
	const clock = testClock('2026-03-20T12:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({
			now: clock.now,
			fixture: singleLinkFixture({
				timeZone: 'Europe/London',
				availability: { MON_FRI: [{ start: 480, end: 1080 }] },
				startTimeIncrement: 'THIRTY',
				weeksToAdvertise: 5,
			}),
		});
	});
	afterAll(() => sandbox.close());

	it('keeps 08:00 local: 08:00 UTC before 29 March, 07:00 UTC after', async () => {
		const body = await availability(sandbox, 'timezone=Europe%2FLondon');
		const slots = slotsOf(body);
		const firstOf = (date: string) => starts(onLocalDay(slots, 'Europe/London', date))[0];
		expect(firstOf('2026-03-20')).toBe('2026-03-20T12:00:00.000Z');
		expect(firstOf('2026-03-27')).toBe('2026-03-27T08:00:00.000Z');
		expect(firstOf('2026-03-30')).toBe('2026-03-30T07:00:00.000Z');
		expect(onLocalDay(slots, 'Europe/London', '2026-03-30')).toHaveLength(20);
		expect(body.linkAvailability?.hasMore).toBe(true);
	});

	it('shows next month up to the horizon with monthOffset=1', async () => {
		const slots = slotsOf(await availability(sandbox, 'timezone=Europe%2FLondon&monthOffset=1'));
		expect(starts(slots)[0]).toBe('2026-04-01T07:00:00.000Z');
		expect(starts(slots).at(-1)).toBe('2026-04-23T16:30:00.000Z');
	});

	it('cuts the month at midnight in the viewer’s time zone, not the link’s', async () => {
		const slots = slotsOf(
			await availability(sandbox, 'timezone=Pacific%2FKiritimati&monthOffset=1'),
		);
		// 1 April 00:00 at UTC+14 is 31 March 10:00 UTC, so the last March afternoon already counts.
		expect(starts(slots)[0]).toBe('2026-03-31T10:00:00.000Z');
	});
});

describe('computeSlots on days of 23 and 25 hours', () => {
	const allDay = (timeZone: string): LinkRules => ({
		timeZone,
		availability: { EVERY_DAY: [{ start: 0, end: 1440 }] },
		durationsMs: [3_600_000],
		bufferMs: 0,
		startTimeIncrement: 'SIXTY',
		minimumNoticeMs: 0,
		weeksToAdvertise: 52,
	});

	function slotsOnDay(timeZone: string, isoDate: string) {
		const day = DateTime.fromISO(isoDate, { zone: timeZone });
		const from = day.toMillis();
		const to = day.plus({ days: 1 }).toMillis();
		const slots = computeSlots({
			rules: allDay(timeZone),
			memberBusy: [[]],
			mode: 'all',
			now: utc('2026-01-01T00:00:00Z'),
			from,
			to,
		});
		return (slots.get(3_600_000) ?? []).map((slot) => new Date(slot.start).toISOString());
	}

	it.each([
		['America/New_York', '2026-03-08', 23],
		['America/New_York', '2026-11-01', 25],
		['Europe/London', '2026-03-29', 23],
		['Europe/London', '2026-10-25', 25],
		['Europe/London', '2026-03-30', 24],
	])('%s on %s has %i hourly slots', (zone, date, count) => {
		expect(slotsOnDay(zone, date)).toHaveLength(count);
	});

	it('steps in elapsed time through the skipped hour', () => {
		expect(slotsOnDay('America/New_York', '2026-03-08').slice(0, 3)).toEqual([
			'2026-03-08T05:00:00.000Z',
			'2026-03-08T06:00:00.000Z',
			'2026-03-08T07:00:00.000Z',
		]);
	});

	it('fits fewer 45-minute slots into the busy-only link’s Sunday night window when clocks go forward', () => {
		const link = baseFixture().meetingLinks.find((l) => l.slug === 'busy-only');
		if (!link) throw new Error('fixture lost busy-only');
		const sunday = (date: string) => {
			const day = DateTime.fromISO(date, { zone: link.timeZone });
			const slots = computeSlots({
				rules: rulesOf(link),
				memberBusy: [[]],
				mode: 'all',
				now: utc('2026-02-01T00:00:00Z'),
				from: day.toMillis(),
				to: day.plus({ days: 1 }).toMillis(),
			});
			return (slots.get(2_700_000) ?? []).map((slot) => new Date(slot.start).toISOString());
		};
		expect(sunday('2026-03-01')).toEqual([
			'2026-03-01T08:00:00.000Z',
			'2026-03-01T08:45:00.000Z',
			'2026-03-01T09:30:00.000Z',
			'2026-03-01T10:15:00.000Z',
			'2026-03-01T11:00:00.000Z',
		]);
		expect(sunday('2026-03-08')).toEqual([
			'2026-03-08T08:00:00.000Z',
			'2026-03-08T08:45:00.000Z',
			'2026-03-08T09:30:00.000Z',
			'2026-03-08T10:15:00.000Z',
		]);
	});
});

describe('member rules', () => {
	const rules: LinkRules = {
		timeZone: 'UTC',
		availability: { EVERY_DAY: [{ start: 540, end: 600 }] },
		durationsMs: [1_800_000],
		bufferMs: 0,
		startTimeIncrement: 'THIRTY',
		minimumNoticeMs: 0,
		weeksToAdvertise: 1,
	};
	const start = utc('2026-03-02T09:00:00Z');
	const end = start + 1_800_000;
	const busy = [{ start, end }];

	it('offers a round-robin slot while one member is free', () => {
		const query = {
			rules,
			memberBusy: [busy, []],
			mode: 'any' as const,
			now: 0,
			from: start,
			to: end,
		};
		expect(isBookable(query, start, end)).toBe(true);
		expect(freeMembers(query, start, end)).toEqual([1]);
		expect(isBookable({ ...query, memberBusy: [busy, busy] }, start, end)).toBe(false);
	});

	it('needs every member free on a group calendar', () => {
		expect(
			isBookable(
				{ rules, memberBusy: [busy, []], mode: 'all', now: 0, from: start, to: end },
				start,
				end,
			),
		).toBe(false);
	});
});

describe('default fixture links', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());

	it('answers the busy-only link with busy times and no linkAvailability', async () => {
		const reply = await call<AvailabilityBody>(
			sandbox,
			'GET',
			'/scheduler/v3/meetings/meeting-links/book/availability-page/busy-only?timezone=America%2FLos_Angeles',
		);
		expect(Object.keys(reply.body)).toEqual(['allUsersBusyTimes']);
		const [sam] = reply.body.allUsersBusyTimes;
		expect(sam.meetingsUser).toMatchObject({
			userId: '1100003',
			calendarProvider: 'GOOGLE',
			userProfile: { email: 'sam.carter@sandbox-co.test', fullName: 'Sam Carter' },
		});
		expect(sam.busyTimes).toContainEqual({
			start: utc('2026-03-04T20:00:00Z'),
			end: utc('2026-03-04T21:00:00Z'),
		});
	});

	it('marks the disconnected organizer of offline-rep as offline', async () => {
		const reply = await call<AvailabilityBody>(
			sandbox,
			'GET',
			'/scheduler/v3/meetings/meeting-links/book/availability-page/offline-rep?timezone=America%2FChicago',
		);
		expect(
			reply.body.allUsersBusyTimes.map((u) => [u.meetingsUser.userId, u.isOffline, u.busyTimes]),
		).toEqual([['1100004', true, []]]);
		expect(
			reply.body.linkAvailability?.linkAvailabilityByDuration['1800000'].availabilities.length,
		).toBeGreaterThan(0);
	});

	it('counts Jane’s CRM meetings as Alex’s busy time', async () => {
		const reply = await call<AvailabilityBody>(
			sandbox,
			'GET',
			'/scheduler/v3/meetings/meeting-links/book/availability-page/alex-demo?timezone=America%2FNew_York',
		);
		// Product Demo with Jane, Friday 6 March 10:00–10:30 New York time.
		expect(reply.body.allUsersBusyTimes[0].busyTimes).toContainEqual({
			start: utc('2026-03-06T15:00:00Z'),
			end: utc('2026-03-06T15:30:00Z'),
		});
		const thirty =
			reply.body.linkAvailability?.linkAvailabilityByDuration['1800000'].availabilities ?? [];
		expect(starts(thirty)).not.toContain('2026-03-06T15:00:00.000Z');
		expect(Object.keys(reply.body.linkAvailability?.linkAvailabilityByDuration ?? {})).toEqual([
			'900000',
			'1800000',
			'3600000',
		]);
	});
});
