import { bookingInfoSchema } from '../../../nodes/shared/transport/schemas';

function bookingInfoWith(availability: unknown) {
	return {
		linkId: '1',
		linkType: 'PERSONAL_LINK',
		isOffline: false,
		customParams: {
			availability,
			durations: [1_800_000],
			formFields: [],
			legalConsentEnabled: false,
			meetingBufferTime: 0,
			ownerPrioritized: false,
			startTimeIncrementMinutes: 'THIRTY',
			weeksToAdvertise: 2,
		},
		allUsersBusyTimes: [],
	};
}

describe("booking info's customParams.availability", () => {
	it("reads HubSpot spec's shape: one {start, end} per day key", () => {
		const parsed = bookingInfoSchema.parse(
			bookingInfoWith({ MON_FRI: { start: 540, end: 1020 }, SATURDAY: { start: 600, end: 720 } }),
		);
		expect(parsed.customParams.availability).toEqual({
			MON_FRI: [{ start: 540, end: 1020 }],
			SATURDAY: [{ start: 600, end: 720 }],
		});
	});

	it("reads the guide example's shape: an array per day key", () => {
		const parsed = bookingInfoSchema.parse(
			bookingInfoWith({
				MON_FRI: [
					{ start: 540, end: 720 },
					{ start: 780, end: 1020 },
				],
			}),
		);
		expect(parsed.customParams.availability).toEqual({
			MON_FRI: [
				{ start: 540, end: 720 },
				{ start: 780, end: 1020 },
			],
		});
	});

	it('still refuses a range without numbers', () => {
		expect(
			bookingInfoSchema.safeParse(bookingInfoWith({ MON_FRI: { start: '9am' } })).success,
		).toBe(false);
	});
});
