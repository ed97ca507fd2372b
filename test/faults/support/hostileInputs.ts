/**
 * The bad-input corpus: values a voice agent, an LLM tool call or an attacker can put into each
 * field, none of which the node may send to HubSpot. Each case names the field its error must name.
 * Times are relative to the suite's pinned "now" (Tuesday 2026-12-01 08:30 New York).
 */

export type OperationName = 'getSlots' | 'book' | 'cancel' | 'reschedule' | 'lookupContact';

export interface HostileInput {
	operation: OperationName;
	/** The parameter the value goes into: "email", "options.guestEmails", "meetingLink" (by slug) or "meetingLink:url". */
	parameter: string;
	value: string | number;
	/** The field the error message must name (its display name; the parameter name also counts). */
	field: string;
	/** Other parameters this case needs, e.g. the booking method that actually writes the field. */
	with?: Record<string, string>;
}

const HUGE = 'a'.repeat(2_001);
const HUGE_UNICODE = '😀'.repeat(1_100);
const INJECTION = [
	"'; DROP TABLE contacts; --",
	'<script>alert(1)</script>',
	'{{ $env.N8N_ENCRYPTION_KEY }}',
	'${process.env.HOME}',
	'\r\nX-Injected: 1',
];
const CONTROL = ['\u0000', '\u202e\u0041\u0042'];

const SLUGS = [
	'',
	'   ',
	'../admin',
	'..',
	'./alex-demo',
	'alex-demo/../../crm/objects/2026-09/contacts',
	'team/ai-booked-call/../../x',
	'..%2F..%2Fadmin',
	'%2e%2e',
	'alex-demo?archived=true',
	'alex-demo#fragment',
	'alex demo',
	'/alex-demo',
	'alex-demo/',
	'a/b/c',
	'alex-demo\\..\\x',
	'.hidden',
	'ünïcode-link',
	'x'.repeat(201),
	HUGE,
	HUGE_UNICODE,
	...INJECTION,
	...CONTROL,
];
const LINK_URLS = [
	'https://meetings.hubspot.com/../admin',
	'https://meetings.hubspot.com/%2e%2e/%2e%2e/admin',
	'https://meetings.hubspot.com/',
	'https://meetings.hubspot.com/a/b/c',
	'javascript:alert(1)',
];

const EMAILS = [
	'',
	'   ',
	'plainaddress',
	'@acme.test',
	'jane@',
	'jane@acme',
	'jane@@acme.test',
	'jane doe@acme.test',
	'jane@acme..test',
	'jane@-acme.test',
	'.jane@acme.test',
	'jane..doe@acme.test',
	'jane@acme.test.',
	'<script>@acme.test',
	'"quoted"@acme.test',
	'jane@acme.test\r\nBcc: evil@evil.test',
	`${'x'.repeat(65)}@acme.test`,
	`jane@${'b'.repeat(64)}.test`,
	'jane@acme.test/../../contacts',
	'jane@acme.test?idProperty=hs_object_id',
	'jane%40acme.test',
	'jänë@acme.test',
	'jane@acme.123',
	'jane@[127.0.0.1]',
	'jane@acme.test,bob@acme.test',
	HUGE,
	HUGE_UNICODE,
	...INJECTION,
	...CONTROL,
];

const ZONES = [
	'Mars/Olympus_Mons',
	'America/New York',
	'../../etc/localtime',
	'UTC+25',
	'EST5EDT6',
	'null',
	HUGE,
	...INJECTION,
	'\u0000',
];

/** Start times that are malformed, impossible, in the past, or years away. */
const FUTURE_TIMES_BAD = [
	'',
	'soon',
	'2026-13-02T10:00',
	'2026-02-30T10:00',
	'2026-12-02T25:00',
	'2026-12-02T10:61',
	'2026-12-02',
	'Monday, December 2, 2026 at 10:00',
	'2027-03-14T02:30',
	'2026-12-02T10:00+25:00',
	'1',
	'99999999999999',
	'-1796223600000',
	'2029-12-02T10:00:00-05:00',
	'9999-12-31T23:59',
	HUGE,
	...INJECTION,
	'\u0000',
];
const PAST_TIMES = [
	'2026-11-30T10:00:00-05:00',
	'2026-12-01T08:00:00-05:00',
	'1999-12-31T23:59',
	'1000000000000',
];

const PHONES = [
	'abc',
	'12',
	'+999 123 456',
	'+1 555',
	'415 555 01001',
	'+1 011 555 0100',
	'0000000000',
	"1' OR '1'='1",
	'+',
	'+44 20',
	'☎☎☎',
	'+1 (415) 555-0100 <script>',
	HUGE,
	...CONTROL,
];

const RECORD_IDS = [
	'abc',
	'../81234567001',
	'81234567001/../../contacts/1',
	'81234567001?archived=true',
	'-1',
	'1e5',
	'１２３',
	'0x1F',
	'1'.repeat(21),
	'81234567001 OR 1=1',
	'{{ $json.id }}',
	HUGE,
];

const cases = (
	operation: OperationName,
	parameter: string,
	field: string,
	values: Array<string | number>,
	extra?: Record<string, string>,
): HostileInput[] =>
	values.map((value) => ({
		operation,
		parameter,
		value,
		field,
		...(extra ? { with: extra } : {}),
	}));

export const HOSTILE_INPUTS: HostileInput[] = [
	...cases('getSlots', 'meetingLink', 'Meeting Link', SLUGS),
	...cases('getSlots', 'meetingLink:url', 'Meeting Link', LINK_URLS),
	...cases('book', 'meetingLink', 'Meeting Link', SLUGS.slice(0, 12)),
	...cases('reschedule', 'meetingLink', 'Meeting Link', SLUGS.slice(12)),

	...cases('book', 'email', 'Email', EMAILS),
	...cases('reschedule', 'email', 'Email', EMAILS.slice(0, 14)),
	...cases(
		'cancel',
		'email',
		'Email',
		EMAILS.slice(14).filter((email) => email.trim() !== ''),
	),
	...cases('lookupContact', 'email', 'Email', EMAILS.slice(2, 16)),

	...cases('getSlots', 'timeZone', 'Time Zone', ZONES),
	...cases('book', 'timeZone', 'Time Zone', ZONES.slice(0, 4)),
	...cases('cancel', 'timeZone', 'Time Zone', ZONES.slice(4, 8)),
	...cases('reschedule', 'timeZone', 'Time Zone', ZONES.slice(8)),
	...cases('lookupContact', 'timeZone', 'Time Zone', ZONES.slice(0, 3)),

	...cases('book', 'startTime', 'Start Time', [...FUTURE_TIMES_BAD, ...PAST_TIMES]),
	...cases('reschedule', 'newStartTime', 'New Start Time', [
		...FUTURE_TIMES_BAD.slice(0, 12),
		...PAST_TIMES,
	]),
	...cases('reschedule', 'currentStartTime', 'Current Start Time', FUTURE_TIMES_BAD.slice(12)),
	...cases(
		'cancel',
		'startTime',
		'Start Time',
		FUTURE_TIMES_BAD.filter((time) => time !== '').slice(0, 14),
	),
	...cases('getSlots', 'startDate', 'Start Date', [
		'2026-02-30',
		'next blue moon',
		'1',
		HUGE,
		'2026-11-01',
		'2029-12-01',
		...INJECTION.slice(0, 2),
	]),

	...cases('lookupContact', 'phone', 'Phone', ['', ...PHONES]),
	...cases('book', 'phone', 'Phone', PHONES.slice(0, 8)),
	...cases('lookupContact', 'defaultCountry', 'Default Phone Country', [
		'USA',
		'U',
		'12',
		'U$',
		'ZZ',
		HUGE,
	]),
	...cases('cancel', 'meetingId', 'Meeting ID', RECORD_IDS),

	...cases('getSlots', 'duration', 'Duration (Minutes)', [
		-15,
		1_441,
		0.5,
		'sixty',
		1e12,
		'30 minutes',
	]),
	...cases('getSlots', 'daysAhead', 'Days Ahead', [0, -1, 63, 1.5, 'abc', 1e12]),
	...cases('getSlots', 'maxSlots', 'Max Slots', [-1, 10_001, 2.5, 'all']),
	...cases('lookupContact', 'maxMeetings', 'Max Upcoming Meetings', [-1, 51, 3.3, 'many']),
	...cases('book', 'options.duration', 'Duration (Minutes)', [-30, 1_441, 22.5, 'half an hour']),
	...cases('reschedule', 'options.duration', 'Duration (Minutes)', [-30, 'forever']),

	...cases('book', 'options.guestEmails', 'Guest Emails', [
		'not-an-email',
		'ok@acme.test, bad',
		Array.from({ length: 11 }, (_, index) => `guest${index}@acme.test`).join(','),
		'<script>@x.test',
		'ok@acme.test; DROP TABLE guests',
	]),
	...cases('book', 'options.formFields', 'Form Fields', [
		'{bad json',
		'[1,2]',
		'"text"',
		'{"../x": "1"}',
		'{"a b": "1"}',
		'{"x-y": "1"}',
		'null',
		'42',
	]),
	...cases('book', 'options.ownerId', 'Owner ID', ['abc', '1; DROP', '-5', '1.5', '../51000001']),
	...cases('book', 'options.defaultCountry', 'Default Phone Country', ['USA', '1', 'U.S.']),
	...cases('book', 'fullName', 'Full Name', ['x'.repeat(101), `Jane ${'y'.repeat(101)}`]),
	...cases('book', 'lastName', 'Last Name', ['z'.repeat(101)]),
	// Title and notes are written only by the CRM Record method; HubSpot text properties stop at 65,536 characters.
	...cases('book', 'options.title', 'Title', [HUGE.repeat(50)], { method: 'crmRecord' }),
	...cases('book', 'options.notes', 'Notes', [HUGE.repeat(50)], { method: 'crmRecord' }),
	...cases('book', 'options.locale', 'Locale', ['../../etc', HUGE, '<script>']),
];
