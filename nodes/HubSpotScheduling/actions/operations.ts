import type { INodeProperties } from 'n8n-workflow';

import * as book from './meeting/book.operation';
import * as cancel from './meeting/cancel.operation';
import * as getSlots from './meeting/getSlots.operation';
import * as lookupContact from './contact/lookupContact.operation';
import * as reschedule from './meeting/reschedule.operation';
import type { Operation, OperationName } from './types';

export const operations: Record<OperationName, Operation> = {
	getSlots,
	book,
	cancel,
	reschedule,
	lookupContact,
};

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'getSlots',
	options: [
		{
			name: 'Book',
			value: 'book',
			action: 'Book a meeting',
			description:
				'Book a meeting at a free start time (from Get Slots) for a guest with an email and a name. Safe to retry: a repeated call returns the same booking with alreadyBooked true.',
		},
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel a meeting',
			description:
				"Cancel a guest's meeting given its start time and the guest's email, or its meeting ID. Cancels nothing when it cannot tell which meeting is meant, and says why.",
		},
		{
			name: 'Get Slots',
			value: 'getSlots',
			action: 'Get free slots',
			description:
				'List the free start times on a meeting link for one or more days, with a sentence a voice agent can read out',
		},
		{
			name: 'Lookup Contact',
			value: 'lookupContact',
			action: 'Look up a contact',
			description:
				'Find who is calling from their phone number (caller ID) or email: name, email, upcoming meetings and a ready-made context sentence. An unknown caller is a normal answer (found: false).',
		},
		{
			name: 'Reschedule',
			value: 'reschedule',
			action: 'Reschedule a meeting',
			description:
				"Move a guest's meeting to a new free start time in one step: books the new time first, then removes the old one, so the guest is never left without a meeting",
		},
	],
};

export const operationProperties: INodeProperties[] = Object.values(operations).flatMap(
	(operation) => operation.description,
);

/** The canvas shows the chosen action ("Get free slots"), not the operation's internal value. */
export const operationSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(
		(operationField.options ?? []).flatMap((option) =>
			'value' in option && 'action' in option ? [[option.value, option.action]] : [],
		),
	),
)}[$parameter["operation"]] }}`;
