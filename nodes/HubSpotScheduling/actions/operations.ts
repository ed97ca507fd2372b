import type { INodeProperties } from 'n8n-workflow';

import * as book from './book.operation';
import * as cancel from './cancel.operation';
import * as getSlots from './getSlots.operation';
import * as lookupContact from './lookupContact.operation';
import * as reschedule from './reschedule.operation';
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
				'Book a free slot for a guest; reuses the contact with that email or creates it. Safe to retry.',
		},
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel a meeting',
			description:
				"Cancel the meeting that starts at a given time, among the guest's meetings when an email is given",
		},
		{
			name: 'Get Slots',
			value: 'getSlots',
			action: 'Get free slots',
			description: 'List free start times of a meeting link for a day or a range of days',
		},
		{
			name: 'Lookup Contact',
			value: 'lookupContact',
			action: 'Look up a contact',
			description: 'Recognise a caller by phone or email: name, email and upcoming meetings',
		},
		{
			name: 'Reschedule',
			value: 'reschedule',
			action: 'Reschedule a meeting',
			description:
				"Move a guest's meeting to a new time: books the new time first, then removes the old one",
		},
	],
};

export const operationProperties: INodeProperties[] = Object.values(operations).flatMap(
	(operation) => operation.description,
);
