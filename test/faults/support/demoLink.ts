/**
 * The fixture's "Product Demo" link (alex-demo) as the fault suites use it: the HubSpot paths its
 * calls go to, and the node parameters of Get Slots and Book on it. One slot, 2 December 2026 10:00
 * in New York (inside the suites' virtual week, see suiteStart.ts).
 */

export const DEMO_PATHS = {
	bookingInfo: '/scheduler/2026-09/meetings/meeting-links/book/alex-demo',
	book: '/scheduler/2026-09/meetings/meeting-links/book',
	contactSearch: '/crm/objects/2026-09/contacts/search',
} as const;

export const DEMO_SLOT = '2026-12-02T10:00:00-05:00';

const demoLink = { __rl: true, mode: 'slug', value: 'alex-demo' };

export const getDemoSlots = {
	operation: 'getSlots',
	meetingLink: demoLink,
	startDate: '2026-12-02',
	daysAhead: 1,
	duration: 30,
	timeZone: 'America/New_York',
};

/** Book on the demo link's slot for a guest, through the meeting link. */
export function bookDemoSlot(guest: { email: string; fullName: string }) {
	return {
		operation: 'book',
		meetingLink: demoLink,
		startTime: DEMO_SLOT,
		timeZone: 'America/New_York',
		email: guest.email,
		fullName: guest.fullName,
		method: 'meetingLink',
		options: { duration: 30 },
	};
}
