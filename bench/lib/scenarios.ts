import { DateTime } from 'luxon';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { expectDone, runScheduling } from './ourNode';

/**
 * The jobs the benchmarks time, on the sandbox's default fixture. Fixture times are relative to
 * today, so the slots are read from the sandbox once (Get Slots) before anything is measured.
 */

export const ZONE = 'America/New_York';
export const JANE = {
	email: 'jane.doe@acme-corp.test',
	phone: '+1 415 555 0100',
	meetingId: '81234567001',
};
const link = { __rl: true, mode: 'slug', value: 'alex-demo' };

export interface FixtureTimes {
	/** Two free 30-minute slots of alex-demo, at least two hours apart. */
	slotA: string;
	slotB: string;
	/** Start of Jane Doe's first upcoming meeting (fixture day +2, 10:00). */
	janeMeeting: string;
	/** A date whose next day is in the following month, for the two-month Get Slots. */
	lastDayOfMonth: string;
}

export async function readFixtureTimes(sandbox: Sandbox): Promise<FixtureTimes> {
	sandbox.reset();
	const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate() as string;
	const run = expectDone(
		'read free slots',
		await runScheduling(sandbox, {
			operation: 'getSlots',
			meetingLink: link,
			timeZone: ZONE,
			duration: 30,
			startDate: tomorrow,
			daysAhead: 14,
			maxSlots: 0,
		}),
	);
	const slots = (run.items[0].slots as IDataObject[]).map((slot) => String(slot.start));
	const slotA = slots[0];
	const slotB = slots.find(
		(slot) =>
			DateTime.fromISO(slot).toMillis() >= DateTime.fromISO(slotA).toMillis() + 2 * 3_600_000,
	);
	const meeting = sandbox.state.meetings.get(JANE.meetingId);
	if (!slotA || !slotB || !meeting)
		throw new Error("bench: the fixture has no free slots or lost Jane Doe's meeting");
	sandbox.reset();
	return {
		slotA,
		slotB,
		janeMeeting: DateTime.fromISO(meeting.properties.hs_meeting_start_time, {
			zone: ZONE,
		}).toISO() as string,
		lastDayOfMonth: DateTime.now().setZone(ZONE).endOf('month').toISODate() as string,
	};
}

export interface Job {
	name: string;
	parameters: INodeParameters;
}

export function jobs(times: FixtureTimes): Job[] {
	const book = (email: string, method: string, extra: IDataObject = {}): INodeParameters => ({
		operation: 'book',
		meetingLink: link,
		startTime: times.slotA,
		timeZone: ZONE,
		email,
		method,
		options: { duration: 30 },
		...extra,
	});
	return [
		{
			name: 'Get Slots, one month',
			parameters: {
				operation: 'getSlots',
				meetingLink: link,
				timeZone: ZONE,
				duration: 30,
				daysAhead: 3,
			},
		},
		{
			name: 'Get Slots, across two months',
			parameters: {
				operation: 'getSlots',
				meetingLink: link,
				timeZone: ZONE,
				duration: 30,
				startDate: times.lastDayOfMonth,
				daysAhead: 2,
			},
		},
		{
			name: 'Book, Meeting Link, no phone',
			parameters: book('mia.link@acme.test', 'meetingLink', { fullName: 'Mia Link' }),
		},
		{
			name: 'Book, Meeting Link, with phone',
			parameters: book('pia.phone@acme.test', 'meetingLink', {
				fullName: 'Pia Phone',
				phone: '+1 212 555 0134',
			}),
		},
		{
			name: 'Book, CRM Record, new contact',
			parameters: book('nico.new@acme.test', 'crmRecord', { fullName: 'Nico New' }),
		},
		{
			name: 'Book, CRM Record, existing contact',
			parameters: book('bob.smith@globex.test', 'crmRecord', { fullName: 'Bob Smith' }),
		},
		{
			name: 'Cancel, with email',
			parameters: {
				operation: 'cancel',
				email: JANE.email,
				startTime: times.janeMeeting,
				timeZone: ZONE,
			},
		},
		{
			name: 'Cancel, by ID',
			parameters: { operation: 'cancel', meetingId: JANE.meetingId, timeZone: ZONE },
		},
		{
			name: 'Reschedule, Meeting Link',
			parameters: {
				operation: 'reschedule',
				meetingLink: link,
				email: JANE.email,
				currentStartTime: times.janeMeeting,
				newStartTime: times.slotB,
				timeZone: ZONE,
				method: 'meetingLink',
				options: { duration: 30 },
			},
		},
		{
			name: 'Lookup Contact, found with meetings',
			parameters: {
				operation: 'lookupContact',
				lookupBy: 'phone',
				phone: JANE.phone,
				maxMeetings: 3,
			},
		},
		{
			name: 'Lookup Contact, not found',
			parameters: {
				operation: 'lookupContact',
				lookupBy: 'phone',
				phone: '+1 212 555 0000',
				maxMeetings: 3,
			},
		},
	];
}
