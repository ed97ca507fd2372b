import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/transport/client';
import { readMeetingLink } from '../../../shared/hubspot/scheduler';
import { bookAsCrmRecord } from '../booking/bookAsCrmRecord';
import { bookingOutput } from '../booking/booking';
import type { BookingMethod, BookingRequest } from '../booking/booking';
import { bookThroughLink } from '../booking/bookThroughLink';
import { checkGuestEmails, chooseDuration } from '../booking/linkChecks';
import { meetingLinkField, slotStartHint, timeInputHint, timeZoneField } from '../common/fields';
import { guestFields, readGuest } from '../booking/guest';
import { chooseTimeZone, invalidInput, readDateTime, readSlug } from '../common/input';
import { legalConsentResponses } from '../booking/legalConsent';
import {
	bookingMethodField,
	bookingOptionsField,
	readBookingOptions,
} from '../booking/bookingOptions';

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
		hint: slotStartHint,
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
	const zoneChoice = chooseTimeZone(this, itemIndex);
	const zone = zoneChoice.zone;
	const now = DateTime.fromMillis(hubspot.clock.now());
	const start = readDateTime(this, itemIndex, 'startTime', 'Start Time', zone, now);

	const link = await readMeetingLink(hubspot, slug, zone);
	const request: BookingRequest = {
		method,
		slug,
		zone,
		zoneFrom: zoneChoice.from,
		start,
		durationMs: chooseDuration(this, itemIndex, options.durationMinutes, link.info),
		...guest,
		title: options.title,
		notes: options.notes,
		guestEmails: options.guestEmails,
		formFields: options.formFields,
		locale: options.locale,
		ownerId: options.ownerId,
		consentResponses: legalConsentResponses(this, itemIndex, link.info, options.guestConsented),
	};
	checkGuestEmails(this, itemIndex, options.guestEmails, link.info);
	const result =
		method === 'crmRecord'
			? await bookAsCrmRecord(this, itemIndex, hubspot, request, link)
			: await bookThroughLink(this, itemIndex, hubspot, request, link);
	return [bookingOutput(request, result)];
}
