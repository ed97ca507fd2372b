import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitFullName } from '../../../shared/domain/names';
import { normalizePhone } from '../../../shared/domain/phone';
import { invalidInput, readEmail, readString, unwrap } from '../common/input';

/** The caller's details as Book collects them; Reschedule reads them from the contact instead. */
export const guestFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description:
			"The guest's email. An existing HubSpot contact with this email is reused; otherwise one is created.",
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		placeholder: 'Jane Doe',
		description:
			"The guest's name as spoken, split into first and last name. Ignored when First Name or Last Name is set.",
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: "The guest's first name, when it is known separately from the last name",
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description:
			"The guest's last name. Booking through the meeting link needs one (or a Full Name with two words).",
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+1 415 555 0100',
		description:
			"The guest's phone number in any common format; saved on the contact in international (E.164) format",
	},
];

export interface Guest {
	email: string;
	firstName: string;
	lastName: string;
	phone?: string;
}

export function readGuest(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultCountry: string,
): Guest {
	const email = readEmail(context, itemIndex, 'email', 'Email', true) as string;
	const first = readString(context, itemIndex, 'firstName');
	const last = readString(context, itemIndex, 'lastName');
	const full = readString(context, itemIndex, 'fullName');
	const separate = first !== '' || last !== '';
	const names = separate ? { firstName: first, lastName: last } : splitFullName(full);
	checkNameLength(context, itemIndex, names.firstName, separate ? 'First Name' : 'Full Name');
	checkNameLength(context, itemIndex, names.lastName, separate ? 'Last Name' : 'Full Name');
	const rawPhone = readString(context, itemIndex, 'phone');
	const phone =
		rawPhone === ''
			? undefined
			: unwrap(context, itemIndex, 'Phone', normalizePhone(rawPhone, defaultCountry)).e164;
	return { email, firstName: names.firstName, lastName: names.lastName, phone };
}

function checkNameLength(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
) {
	if (name.length > 100) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			'names longer than 100 characters are not accepted.',
		);
	}
}
