import type { IExecuteFunctions } from 'n8n-workflow';

import { normalizePhone } from '../../../shared/domain/phone';
import type { NormalizedPhone } from '../../../shared/domain/phone';
import { shorten } from '../../../shared/domain/shorten';
import {
	invalidInput,
	readEmail,
	readPositiveInteger,
	readString,
	resolveTimeZone,
	unwrap,
} from '../common/input';

/** One item's Lookup Contact request, checked before any HubSpot call. Exactly one of phone and email is set. */
export interface LookupQuery {
	itemIndex: number;
	zone: string;
	maxMeetings: number;
	defaultCountry: string;
	phone?: NormalizedPhone;
	email?: string;
}

export function readLookupQuery(context: IExecuteFunctions, itemIndex: number): LookupQuery {
	const zone = resolveTimeZone(context, itemIndex);
	const maxMeetings = readPositiveInteger(
		context,
		itemIndex,
		'maxMeetings',
		'Max Upcoming Meetings',
		{
			min: 0,
			max: 50,
		},
	);
	const lookupBy = context.getNodeParameter('lookupBy', itemIndex, 'phone') as string;
	const defaultCountry = readString(context, itemIndex, 'defaultCountry').toUpperCase() || 'US';
	if (lookupBy === 'email') {
		const email = readEmail(context, itemIndex, 'email', 'Email', true);
		return { itemIndex, zone, maxMeetings, defaultCountry, email };
	}
	if (!/^[A-Z]{2}$/.test(defaultCountry)) {
		throw invalidInput(
			context,
			itemIndex,
			'Default Phone Country',
			`“${shorten(defaultCountry)}” is not a two-letter country code such as US or GB.`,
		);
	}
	const raw = readString(context, itemIndex, 'phone');
	if (raw === '') {
		throw invalidInput(
			context,
			itemIndex,
			'Phone',
			'a phone number is required, for example +1 415 555 0100.',
		);
	}
	const phone = unwrap(context, itemIndex, 'Phone', normalizePhone(raw, defaultCountry));
	return { itemIndex, zone, maxMeetings, defaultCountry, phone };
}
