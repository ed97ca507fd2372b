import type { IExecuteFunctions } from 'n8n-workflow';

import type { BookingInfo } from '../hubspot/scheduler';
import { invalidInput } from './input';

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
