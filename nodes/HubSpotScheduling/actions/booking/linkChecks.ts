import type { IExecuteFunctions } from 'n8n-workflow';

import type { BookingInfo } from '../../../shared/hubspot/scheduler';
import { invalidInput } from '../common/input';

/**
 * Checks of an item against the meeting link's own settings. They run after the one read of the
 * link and before any write, so HubSpot never sees a booking it would refuse for these reasons.
 */

/** A requested length must be one the link offers; 0 means the link's first (its default). */
export function chooseDuration(
	context: IExecuteFunctions,
	itemIndex: number,
	requestedMinutes: number,
	bookingInfo: BookingInfo,
): number {
	const offered = bookingInfo.customParams.durations;
	if (requestedMinutes === 0) return offered[0];
	const requestedMs = requestedMinutes * 60_000;
	if (offered.includes(requestedMs)) return requestedMs;
	const choices = offered.map((ms) => `${ms / 60_000}`).join(', ');
	throw invalidInput(
		context,
		itemIndex,
		'Duration (Minutes)',
		`this meeting link does not offer ${requestedMinutes}-minute meetings. Choose one of: ${choices} minutes (or 0 for the default).`,
	);
}

export function checkGuestEmails(
	context: IExecuteFunctions,
	itemIndex: number,
	guestEmails: string[],
	bookingInfo: BookingInfo,
): void {
	const settings = bookingInfo.customParams.guestSettings;
	if (guestEmails.length === 0 || !settings) return;
	if (!settings.canAddGuests) {
		throw invalidInput(
			context,
			itemIndex,
			'Guest Emails',
			'this meeting link does not allow extra guests. Remove them or use another link.',
		);
	}
	if (settings.maxGuestCount !== undefined && guestEmails.length > settings.maxGuestCount) {
		throw invalidInput(
			context,
			itemIndex,
			'Guest Emails',
			`this meeting link allows at most ${settings.maxGuestCount} extra guests, and ${guestEmails.length} were given.`,
		);
	}
}
