import { DateTime } from 'luxon';

import { slotsSpeech } from '../../nodes/HubSpotScheduling/actions/slots/slotSpeech';

const NY = 'America/New_York';
const at = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toMillis();

describe('slotsSpeech', () => {
	it('says up to five times as they are, each date once', () => {
		expect(
			slotsSpeech([at('2026-11-24T14:00'), at('2026-11-24T14:30'), at('2026-11-25T09:00')], NY),
		).toBe(
			'Available on Tuesday, November 24 at 2:00 PM or 2:30 PM. Available on Wednesday, November 25 at 9:00 AM.',
		);
		expect(slotsSpeech([at('2026-11-24T14:00')], NY)).toBe(
			'Available on Tuesday, November 24 at 2:00 PM.',
		);
	});

	it('spreads five of many times over the days, an hour apart, and counts the rest', () => {
		const quarterHours = (day: string) =>
			Array.from({ length: 16 }, (_, index) => at(`${day}T09:00`) + index * 15 * 60_000);
		const starts = [...quarterHours('2026-11-24'), ...quarterHours('2026-11-25')];

		expect(slotsSpeech(starts, NY)).toBe(
			'Available on Tuesday, November 24 at 9:00 AM, 10:00 AM, or 11:00 AM. Available on Wednesday, November 25 at 9:00 AM or 10:00 AM. There are 27 more times as well.',
		);
	});

	it('says "1 more time" in the singular and speaks in the given zone', () => {
		const starts = [0, 1, 2, 3, 4, 5].map((hour) => at('2026-11-24T09:00') + hour * 3_600_000);
		expect(slotsSpeech(starts, 'Europe/London')).toBe(
			'Available on Tuesday, November 24 at 2:00 PM, 3:00 PM, 4:00 PM, 5:00 PM, or 6:00 PM. There is 1 more time as well.',
		);
	});

	it('offers another day when nothing is free', () => {
		expect(slotsSpeech([], NY)).toBe(
			'There are no free times in that period. Would another day work?',
		);
	});
});
