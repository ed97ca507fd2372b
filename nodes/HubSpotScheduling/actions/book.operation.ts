import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HubSpotClient } from '../../shared/transport/client';
import { getBookingInfo, linkTimeZone } from '../hubspot/scheduler';
import { bookAsCrmRecord, bookingOutput, bookThroughLink } from './booking';
import type { BookingMethod, BookingRequest } from './booking';
import { chooseDuration } from './duration';
import { meetingLinkField, timeInputHint, timeZoneField } from './fields';
import { guestFields, readGuest } from './guest';
import { invalidInput, readDateTime, readSlug, resolveTimeZone } from './input';
import { bookingMethodField, bookingOptionsField, readBookingOptions } from './bookingOptions';

const properties: INodeProperties[] = [
	meetingLinkField,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2026-11-24 14:00',
		description: `When the meeting starts: ${timeInputHint}. Use a start time returned by Get Slots.`,
	},
	timeZoneField,
	...guestFields,
	bookingMethodField,
	bookingOptionsField,
];

export const description = updateDisplayOptions({ show: { operation: ['book'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
): Promise<IDataObject[]> {
	const slug = readSlug(this, itemIndex);
	const options = readBookingOptions(this, itemIndex);
	const guest = readGuest(this, itemIndex, options.defaultCountry);
	const method = this.getNodeParameter('method', itemIndex, 'meetingLink') as BookingMethod;
	if (method === 'meetingLink' && guest.lastName === '') {
		throw invalidInput(
			this,
			itemIndex,
			'Last Name',
			"HubSpot's scheduler needs a last name. Ask the guest for it, or pass their full name.",
		);
	}
	const provisionalZone = resolveTimeZone(this, itemIndex);
	readDateTime(this, itemIndex, 'startTime', 'Start Time', provisionalZone);

	const bookingInfo = await getBookingInfo(hubspot, slug, provisionalZone);
	const zone = resolveTimeZone(this, itemIndex, linkTimeZone(bookingInfo));
	const request: BookingRequest = {
		method,
		slug,
		zone,
		start: readDateTime(this, itemIndex, 'startTime', 'Start Time', zone),
		durationMs: chooseDuration(this, itemIndex, options.durationMinutes, bookingInfo),
		...guest,
		title: options.title,
		notes: options.notes,
		guestEmails: options.guestEmails,
		formFields: options.formFields,
		locale: options.locale,
		ownerId: options.ownerId,
	};
	if (
		options.guestEmails.length > 0 &&
		bookingInfo.customParams.guestSettings?.canAddGuests === false
	) {
		throw invalidInput(
			this,
			itemIndex,
			'Guest Emails',
			'this meeting link does not allow extra guests. Remove them or use another link.',
		);
	}
	const result =
		method === 'crmRecord'
			? await bookAsCrmRecord(this, itemIndex, hubspot, request, bookingInfo)
			: await bookThroughLink(this, itemIndex, hubspot, request, bookingInfo);
	return [bookingOutput(request, result)];
}
