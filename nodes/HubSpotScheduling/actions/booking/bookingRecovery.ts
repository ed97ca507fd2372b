import type { IExecuteFunctions } from 'n8n-workflow';

import { CancelledHubSpotCallError } from '../../../shared/transport/cancellation';
import type { HubSpotClient } from '../../../shared/transport/client';
import { HubSpotApiError } from '../../../shared/transport/errors';
import { ownBookingAt } from './booking';
import type { BookingRequest, BookingResult } from './booking';
import { asNodeError } from '../common/nodeError';

/**
 * Booked-but-errored: a booking write that failed with a 5xx or without an answer may still have been
 * applied by HubSpot. Before the caller hears anything, the guest's meetings are read (the same check
 * a retried tool call gets): found, the item succeeds with alreadyBooked and a note; not found, the
 * error says plainly that the meeting was not booked. A refusal (4xx, rate limit) was not applied.
 * A cancelled execution reads nothing more: the booking write that was on its way may have been
 * applied (not known, and said so), one that was never sent was not.
 */
export function mayHaveApplied(error: unknown): boolean {
	if (!(error instanceof HubSpotApiError)) return false;
	const status = error.hubspot.status;
	return status === undefined || status >= 500;
}

export async function recoverAfterFailedBooking(
	context: IExecuteFunctions,
	hubspot: HubSpotClient,
	request: BookingRequest,
	error: unknown,
): Promise<BookingResult> {
	if (error instanceof CancelledHubSpotCallError) {
		throw error.writeMayHaveApplied ? notKnownIfBooked(context, error) : notBooked(context, error);
	}
	if (mayHaveApplied(error)) {
		// HubSpot may show the booking's meeting a moment after the booking (ownBookingAt waits briefly).
		const existing = await ownBookingAt(hubspot, request.email, request.start.toMillis()).catch(
			() => null,
		);
		if (existing === null) throw notKnownIfBooked(context, error);
		if (existing) {
			return {
				...existing,
				note: 'HubSpot answered the booking with an error, but the meeting exists: it was booked.',
			};
		}
	}
	throw notBooked(context, error);
}

function notBooked(context: IExecuteFunctions, error: unknown) {
	const nodeError = asNodeError(context.getNode(), error);
	nodeError.message = `The meeting was not booked. ${nodeError.message}`;
	return nodeError;
}

function notKnownIfBooked(context: IExecuteFunctions, error: unknown) {
	const nodeError = asNodeError(context.getNode(), error);
	nodeError.message = `I could not confirm whether the meeting was booked. ${nodeError.message} Run the same booking again: it finds the meeting if it exists and books it otherwise.`;
	return nodeError;
}
