'use strict';

const { DateTime } = require('luxon');

const { NOT_IN_HUBSPOT } = require('../../workflows/src/receptionist');

/**
 * What the caller should hear, computed from the sandbox (HubSpot's side) and written out
 * independently of the node's code: date labels come from Intl, free times from HubSpot's
 * availability page, meetings from the sandbox state.
 */

/** "Wednesday, November 25 at 9:00 AM", with the plain spaces the node speaks. */
function spokenLabel(ms, zone) {
	const text = new Intl.DateTimeFormat('en-US', {
		weekday: 'long',
		month: 'long',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone: zone,
	}).format(new Date(ms));
	return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/** "2026-11-25T09:00:00-05:00" */
function isoInZone(ms, zone) {
	return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
}

/** "A", "A or B", "A, B, or C" */
function spokenList(items) {
	if (items.length <= 2) return items.join(' or ');
	return `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
}

/** @returns {Promise<any>} HubSpot's JSON answer, shaped as the endpoint's spec says */
async function hubspotGet(sandbox, path) {
	const response = await fetch(`${sandbox.url}${path}`, {
		headers: { authorization: `Bearer ${sandbox.serviceKey}` },
	});
	if (!response.ok)
		throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
	return await response.json();
}

/**
 * Free start times (epoch ms) of a meeting link between two instants, for its first (default)
 * duration, from HubSpot's availability pages of this month and the next.
 */
async function freeSlots(sandbox, { slug, zone, fromMs, toMs }) {
	const query = `timezone=${encodeURIComponent(zone)}`;
	const base = `/scheduler/2026-09/meetings/meeting-links/book`;
	const link = await hubspotGet(sandbox, `${base}/${encodeURIComponent(slug)}?${query}`);
	const durationMs = link.customParams.durations[0];
	const starts = new Set();
	for (const monthOffset of [0, 1]) {
		const page = await hubspotGet(
			sandbox,
			`${base}/availability-page/${encodeURIComponent(slug)}?${query}&monthOffset=${monthOffset}`,
		);
		const slots =
			page.linkAvailability?.linkAvailabilityByDuration?.[String(durationMs)]?.availabilities ?? [];
		for (const slot of slots) {
			if (slot.startMillisUtc >= fromMs && slot.startMillisUtc < toMs)
				starts.add(slot.startMillisUtc);
		}
	}
	return { durationMs, starts: [...starts].sort((a, b) => a - b) };
}

function spokenDay(ms, zone) {
	const text = new Intl.DateTimeFormat('en-US', {
		weekday: 'long',
		month: 'long',
		day: 'numeric',
		timeZone: zone,
	}).format(new Date(ms));
	return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

function spokenTime(ms, zone) {
	const text = new Intl.DateTimeFormat('en-US', {
		hour: 'numeric',
		minute: '2-digit',
		timeZone: zone,
	}).format(new Date(ms));
	return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/**
 * Get Slots' answer in the receptionist templates (Max Slots 5, so every listed time is spoken):
 * times grouped by day, then the exact start times the agent passes to book.
 */
function slotsAnswer(starts, zone, shown = 5) {
	if (starts.length === 0) return 'There are no free times in that period. Would another day work?';
	const listed = starts.slice(0, shown);
	const days = new Map();
	for (const ms of listed)
		days.set(spokenDay(ms, zone), [...(days.get(spokenDay(ms, zone)) ?? []), ms]);
	const speech = [...days]
		.map(
			([day, times]) =>
				`Available on ${day} at ${spokenList(times.map((ms) => spokenTime(ms, zone)))}.`,
		)
		.join(' ');
	return `${speech} Start times for booking: ${listed.map((ms) => isoInZone(ms, zone)).join(', ')}.`;
}

/** The caller's record and upcoming meetings, read from the sandbox state. */
function callerRecord(state, { email, zone, nowMs, maxMeetings = 3 }) {
	const contact = state.contacts.find(
		(entry) => !entry.archived && entry.properties.email === email,
	);
	if (!contact) return undefined;
	const meetingIds = new Set(
		state.associations
			.filter((pair) => pair.contactId === contact.id)
			.map((pair) => pair.meetingId),
	);
	const active = state.meetings.filter(
		(meeting) => meetingIds.has(meeting.id) && !meeting.archived,
	);
	const upcoming = active
		.filter((meeting) => meeting.properties.hs_meeting_outcome !== 'CANCELED')
		.map((meeting) => ({
			title: meeting.properties.hs_meeting_title,
			startMs: Date.parse(meeting.properties.hs_meeting_start_time),
		}))
		.filter((meeting) => meeting.startMs > nowMs)
		.sort((a, b) => a.startMs - b.startMs)
		.slice(0, maxMeetings)
		.map((meeting) => ({ ...meeting, label: spokenLabel(meeting.startMs, zone) }));
	const { firstname, lastname } = contact.properties;
	const name = [firstname, lastname].filter(Boolean).join(' ');
	const meetings =
		upcoming.length > 0
			? ` Upcoming: ${upcoming.map((meeting) => `${meeting.label} - ${meeting.title}`).join('; ')}.`
			: ' No upcoming meetings.';
	return {
		id: contact.id,
		firstName: firstname ?? '',
		fullName: name,
		email,
		upcoming,
		meetingStarts: active.map((meeting) => Date.parse(meeting.properties.hs_meeting_start_time)),
		context: `The caller is ${name || 'a known contact'} (${email}).${meetings}`,
	};
}

/** Caller variables a call-start webhook must return: camelCase for Vapi, snake_case elsewhere. */
function callerVariables(record, style) {
	const values = {
		known: record ? 'true' : 'false',
		name: record?.fullName ?? '',
		firstName: record?.firstName ?? '',
		email: record?.email ?? '',
		context: record?.context ?? NOT_IN_HUBSPOT,
		nextMeeting: record?.upcoming[0]?.label ?? '',
	};
	if (style === 'vapi') {
		return {
			callerKnown: values.known,
			callerName: values.name,
			callerFirstName: values.firstName,
			callerEmail: values.email,
			callerContext: values.context,
			nextMeeting: values.nextMeeting,
		};
	}
	return {
		caller_known: values.known,
		caller_name: values.name,
		caller_first_name: values.firstName,
		caller_email: values.email,
		caller_context: values.context,
		next_meeting: values.nextMeeting,
	};
}

module.exports = {
	spokenLabel,
	isoInZone,
	freeSlots,
	slotsAnswer,
	callerRecord,
	callerVariables,
	NOT_IN_HUBSPOT,
};
