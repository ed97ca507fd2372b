import {
	keptDurationMs,
	movedAnswer,
	planReschedule,
	unchangedAnswer,
} from '../../../nodes/HubSpotScheduling/actions/booking/reschedulePlan';
import type { Meeting } from '../../../nodes/shared/hubspot/meetings';

const HOUR = 3_600_000;
const NINE = Date.UTC(2026, 10, 24, 14); // 09:00 in New York
const TEN = NINE + HOUR;
const NY = 'America/New_York';

function meeting(id: string, startMs: number, overrides: Partial<Meeting> = {}): Meeting {
	return {
		id,
		title: 'Demo',
		startMs,
		endMs: startMs + 30 * 60_000,
		outcome: 'SCHEDULED',
		ownerId: 'owner-1',
		...overrides,
	};
}

const facts = (meetings: Meeting[], ownersOfLink = new Set(['owner-1'])) => ({
	meetings,
	currentStartMs: NINE,
	newStartMs: TEN,
	ownersOfLink,
});

describe('planReschedule', () => {
	it('moves the one active meeting of the link at the current start', () => {
		const old = meeting('1', NINE);
		expect(planReschedule(facts([old]))).toEqual({ kind: 'move', old, bookedAtNew: false });
	});

	it('knows when the new time is already booked (a retry after the booking, before the removal)', () => {
		const old = meeting('1', NINE);
		expect(planReschedule(facts([old, meeting('2', TEN)]))).toEqual({
			kind: 'move',
			old,
			bookedAtNew: true,
		});
	});

	it('refuses to choose between two meetings at the current start', () => {
		const plan = planReschedule(facts([meeting('1', NINE), meeting('2', NINE)]));
		expect(plan).toMatchObject({ kind: 'ambiguous' });
		expect(plan.kind === 'ambiguous' && plan.meetings.map((found) => found.id)).toEqual(['1', '2']);
	});

	it('answers a retried call after a completed move from the meeting at the new time', () => {
		const moved = meeting('2', TEN);
		expect(planReschedule(facts([meeting('1', NINE, { outcome: 'CANCELED' }), moved]))).toEqual({
			kind: 'alreadyMoved',
			meeting: moved,
		});
	});

	it('finds nothing to move when neither time holds an active meeting', () => {
		expect(planReschedule(facts([meeting('1', NINE, { outcome: 'RESCHEDULED' })]))).toEqual({
			kind: 'nothingToMove',
		});
	});

	it("never moves another person's meeting: only the link's owners count at the current start", () => {
		expect(planReschedule(facts([meeting('1', NINE, { ownerId: 'owner-9' })]))).toEqual({
			kind: 'nothingToMove',
		});
	});

	it('changes nothing when the new start is the current one', () => {
		const old = meeting('1', NINE);
		expect(planReschedule({ ...facts([old]), newStartMs: NINE })).toEqual({
			kind: 'alreadyThere',
			meeting: old,
		});
	});
});

describe('keptDurationMs', () => {
	it("keeps the meeting's length when the link offers it, else leaves the choice to the link", () => {
		const halfHour = meeting('1', NINE);
		expect(keptDurationMs(halfHour, [15 * 60_000, 30 * 60_000])).toBe(30 * 60_000);
		expect(keptDurationMs(halfHour, [60 * 60_000])).toBeUndefined();
	});
});

describe('answers', () => {
	const output = { meetingId: '2', label: 'Tuesday, November 24 at 10:00 AM' };

	it('says what was moved and that the old meeting is cancelled in our system', () => {
		expect(movedAnswer(output, meeting('1', NINE), NY)).toEqual({
			...output,
			rescheduled: true,
			previousMeetingId: '1',
			previousStart: '2026-11-24T09:00:00-05:00',
			previousCrmMeeting: 'archived',
			previousCalendar: 'not known to be removed',
			speech:
				"Done: you're booked for Tuesday, November 24 at 10:00 AM, and your meeting on Tuesday, November 24 at 9:00 AM is cancelled in our system.",
		});
	});

	it('says a retried move is already done, and an unchanged time is unchanged', () => {
		expect(unchangedAnswer(output, { kind: 'alreadyMoved' }, NY, meeting('2', TEN))).toMatchObject({
			rescheduled: true,
			previousMeetingId: null,
			speech: 'Your meeting is already moved to Tuesday, November 24 at 10:00 AM.',
		});
		expect(unchangedAnswer(output, { kind: 'alreadyThere' }, NY, meeting('1', NINE))).toMatchObject(
			{
				rescheduled: false,
				previousStart: null,
				speech: 'Your meeting is already on Tuesday, November 24 at 9:00 AM.',
			},
		);
	});
});
