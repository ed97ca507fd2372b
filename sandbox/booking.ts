/**
 * What a successful booking does: the contact is created or updated from the form, a member is
 * assigned (round robin rotates among free members), and — unless the assigned member's calendar is
 * disconnected ("offline booking": HTTP 200, isOffline, empty calendarEventId) — a CRM meeting owned
 * by that member is created and associated, which makes the slot busy. The contact, meeting and
 * association may appear a configurable moment after the answer (delayedEffects.ts); the slot is
 * busy from the answer on.
 */
import { freeMembers } from './availability';
import { attachCalendarEvent, newCalendarEventId } from './calendarEvents';
import { createContact, updateContact } from './contactStore';
import type { SandboxContext } from './context';
import type { CrmRecord } from './crmRecords';
import type { FixtureMeetingLink } from './fixtureSchema';
import { slotQueryFor } from './linkSlots';
import { createMeeting } from './meetingStore';
import type { ValidBooking } from './bookingValidation';
import type { BookingRecord } from './state';

/**
 * The contact the booking writes to: the live one with this email, or a new one under the id the
 * answer already named. A contact created meanwhile under the same email is updated instead (our
 * assumption; HubSpot keeps emails unique).
 */
function upsertBookingContact(
	ctx: SandboxContext,
	booking: ValidBooking,
	newId: string,
): CrmRecord {
	const existing = ctx.state.contactByEmail(booking.email);
	const changes = Object.fromEntries(
		Object.entries(booking.formValues).filter(([name]) => name !== 'email'),
	);
	if (existing) return updateContact(ctx, existing, changes);
	return createContact(
		ctx,
		{ ...changes, email: booking.email },
		{ changeSource: 'MEETINGS', id: newId },
	);
}

function assignMember(
	ctx: SandboxContext,
	link: FixtureMeetingLink,
	start: number,
	end: number,
): string {
	if (link.type !== 'ROUND_ROBIN_CALENDAR') return link.organizerUserId;
	const free = new Set(freeMembers(slotQueryFor(ctx, link, start, end), start, end));
	const first = ctx.state.roundRobinNext.get(link.slug) ?? 0;
	const count = link.memberUserIds.length;
	for (let step = 0; step < count; step++) {
		const index = (first + step) % count;
		if (free.has(index)) {
			ctx.state.roundRobinNext.set(link.slug, (index + 1) % count);
			return link.memberUserIds[index];
		}
	}
	return link.organizerUserId;
}

/** ExternalValidatedFormField (spec): each answer with the link's label and whether it is custom. */
function validatedFormFields(
	link: FixtureMeetingLink,
	answers: Array<{ name: string; value: unknown }>,
): Array<Record<string, unknown>> {
	return answers.map(({ name, value }) => {
		const field = link.formFields.find((candidate) => candidate.name === name);
		const text = String(value);
		const option = field?.options.find((candidate) => candidate.value === text);
		return {
			name,
			label: field?.label ?? name,
			value: text,
			isCustom: field?.isCustom ?? false,
			...(field ? { fieldType: field.fieldType } : {}),
			...(option ? { valueLabel: option.label } : {}),
		};
	});
}

function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function book(ctx: SandboxContext, booking: ValidBooking): Record<string, unknown> {
	const { link, start, duration } = booking;
	const end = start + duration;
	const contactId = ctx.state.contactByEmail(booking.email)?.id ?? ctx.state.nextContactId();
	const assignedUserId = assignMember(ctx, link, start, end);
	const assigned = ctx.state.users.get(assignedUserId);
	const isOffline = !assigned?.calendarConnected;
	const calendarEventId = isOffline ? '' : newCalendarEventId();
	const subject = link.name;
	const record: BookingRecord = {
		slug: link.slug,
		contactId,
		meetingId: null,
		assignedUserId,
		start,
		end,
		isOffline,
		calendarEventId,
		bookedAt: ctx.now(),
	};
	ctx.state.bookings.push(record);
	const hold = isOffline || !assigned ? null : { ownerId: assigned.ownerId, start, end };
	ctx.bookingEffects.schedule(ctx.config.bookingEffectsDelayMs, hold, () => {
		const contact = upsertBookingContact(ctx, booking, contactId);
		record.contactId = contact.id;
		if (isOffline) return;
		const meeting = createMeeting(
			ctx,
			{
				hs_meeting_title: subject,
				hs_meeting_start_time: new Date(start).toISOString(),
				hs_meeting_end_time: new Date(end).toISOString(),
				hs_timestamp: new Date(start).toISOString(),
				hs_meeting_outcome: 'SCHEDULED',
				hs_meeting_source: 'INTEGRATION',
				hs_activity_type: link.activityType,
				hs_meeting_location: link.location,
				hubspot_owner_id: assigned?.ownerId ?? '',
				hs_meeting_external_url: `https://calendar.sandbox.test/event/${calendarEventId}`,
				// Our assumption: like the calendar endpoint's meeting (spec: its answer's hs_unique_id is
				// the event id), the booking's CRM meeting carries the calendar event id the answer names.
				hs_unique_id: calendarEventId,
			},
			[contact.id],
		);
		attachCalendarEvent(ctx, meeting, assignedUserId, calendarEventId);
		record.meetingId = meeting.id;
	});
	return {
		calendarEventId,
		start: isoSeconds(start),
		end: isoSeconds(end),
		duration,
		contactId,
		bookingTimezone: booking.timezone,
		locale: booking.request.locale ?? link.locale,
		guestEmails: booking.guestEmails,
		subject,
		location: link.location,
		formFields: validatedFormFields(link, booking.request.formFields ?? []),
		legalConsentResponses: booking.request.legalConsentResponses ?? [],
		isOffline,
	};
}
