import type { INodeProperties } from 'n8n-workflow';

/** Node fields for "when may we call this lead", shared by both triggers. */

const showWhenOn = { show: { addCallWindow: [true] } };

export const WEEKDAY_OPTIONS = [
	{ name: 'Monday', value: 'MON' },
	{ name: 'Tuesday', value: 'TUE' },
	{ name: 'Wednesday', value: 'WED' },
	{ name: 'Thursday', value: 'THU' },
	{ name: 'Friday', value: 'FRI' },
	{ name: 'Saturday', value: 'SAT' },
	{ name: 'Sunday', value: 'SUN' },
];

export const callWindowFields: INodeProperties[] = [
	{
		displayName: 'Add Call Window',
		name: 'addCallWindow',
		type: 'boolean',
		default: false,
		description:
			'Whether to add callWindow.openNow and callWindow.nextOpenAt to each item, so the flow can call at once or wait (Wait node, "At Specified Time") until the window opens',
	},
	{
		displayName: 'Call Days',
		name: 'callDays',
		type: 'multiOptions',
		options: WEEKDAY_OPTIONS,
		default: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
		displayOptions: showWhenOn,
		description: 'Days of the week on which calls may start, in the time zone below',
	},
	{
		displayName: 'Earliest Time',
		name: 'callEarliest',
		type: 'string',
		default: '09:00',
		placeholder: 'HH:mm',
		displayOptions: showWhenOn,
		description: 'First time of day a call may start (24-hour clock)',
	},
	{
		displayName: 'Latest Time',
		name: 'callLatest',
		type: 'string',
		default: '18:00',
		placeholder: 'HH:mm',
		displayOptions: showWhenOn,
		description:
			'Time of day after which no call may start (24-hour clock). A latest time before the earliest one makes the window run past midnight, e.g. 20:00 to 02:00.',
	},
	{
		displayName: 'Time Zone',
		name: 'callTimeZoneSource',
		type: 'options',
		options: [
			{
				name: "Contact's Time Zone When HubSpot Has It",
				value: 'contact',
				description:
					"Uses the contact's Time Zone property (hs_timezone), else the fixed time zone",
			},
			{
				name: 'Fixed Time Zone',
				value: 'fixed',
				description: 'Uses the fixed time zone for every contact',
			},
		],
		default: 'contact',
		displayOptions: showWhenOn,
	},
	{
		displayName: 'Fixed Time Zone',
		name: 'callTimeZone',
		type: 'string',
		default: '',
		placeholder: 'America/New_York',
		displayOptions: showWhenOn,
		description:
			"IANA time zone such as Europe/Berlin. Leave empty to use the workflow's time zone. Also the fallback when a contact has no time zone.",
	},
];
