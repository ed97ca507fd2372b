import type { INodeProperties } from 'n8n-workflow';

/** Fields several operations share, declared once so their wording stays identical everywhere. */

export const meetingLinkField: INodeProperties = {
	displayName: 'Meeting Link',
	name: 'meetingLink',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The HubSpot meeting link (scheduling page) to use. Team and round-robin links look like "team/demo-call".',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchMeetingLinks', searchable: true },
		},
		{
			displayName: 'By Slug',
			name: 'slug',
			type: 'string',
			placeholder: 'jane-doe or team/demo-call',
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://meetings.hubspot.com/jane-doe',
		},
	],
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'America/New_York',
	description:
		"The caller's IANA time zone (such as America/New_York; abbreviations like EST are refused), used to read times given without an offset and to word the answers. Leave empty for the workflow's time zone; the output's timeZoneFrom says which was used. HubSpot does not expose a meeting link's own zone, so links that answer with busy times only need this field set to the organizer's zone.",
};

/** For operations that read no meeting link, so only the workflow's zone can be the default. */
export const timeZoneWithoutLinkField: INodeProperties = {
	...timeZoneField,
	description:
		"The caller's IANA time zone (such as America/New_York; abbreviations like EST are refused), used to read times given without an offset and to word the answers. Leave empty for the workflow's time zone.",
};

export const timeInputHint =
	'ISO 8601 (2026-11-24T14:00:00-05:00 or 2026-11-24T14:00), "2026-11-24 14:00" or "2026-11-24 2pm" in the time zone below, what a caller says ("next Tuesday at 3pm", "tomorrow at 10am", "3pm", "December 16 at 10am", counted from now; ambiguous phrases fail with a question to ask), or epoch milliseconds';

/** Under a start time that usually comes from a Get Slots node earlier in the workflow. */
export const slotStartHint =
	'Usually an expression: a start from Get Slots, such as {{ $json.slots[0].start }} (or {{ $json.start }} with One Item per Slot)';

/** For every operation: what a caller that cannot wait long (a voice platform) needs. */
export const answerWithinField: INodeProperties = {
	displayName: 'Answer Within (Seconds)',
	name: 'answerWithinSeconds',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: 300 },
	description:
		"A time limit for this node's HubSpot calls, for callers that hang up on slow answers (Vapi waits 7.5 s for assistant-request, Retell 10 s for its inbound webhook). Retries and rate-limit waits stop in time and the item fails with a clear error instead (use On Error → Continue to answer with it). 0: no limit.",
};
