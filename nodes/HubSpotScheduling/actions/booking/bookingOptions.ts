import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { freeTextProblem } from '../../../shared/domain/freeText';
import type { FreeTextRules } from '../../../shared/domain/freeText';
import { isValidEmail, normalizeEmail } from '../../../shared/domain/names';
import { RECORD_ID } from '../../../shared/domain/hubspotIds';
import { shorten } from '../../../shared/domain/shorten';
import { invalidInput } from '../common/input';

export const bookingMethodField: INodeProperties = {
	displayName: 'Booking Method',
	name: 'method',
	type: 'options',
	default: 'meetingLink',
	options: [
		{
			name: 'Meeting Link',
			value: 'meetingLink',
			description:
				"Book through HubSpot's scheduler: the organizer's calendar gets the event and the guest gets the invitation",
		},
		{
			name: 'CRM Record',
			value: 'crmRecord',
			description:
				"Create the contact (if new), then an event on the organizer's calendar plus a CRM meeting through HubSpot's calendar endpoint, after checking the slot is free. HubSpot's scheduler sends no booking confirmation to the guest.",
		},
	],
};

export const bookingOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Default Phone Country',
			name: 'defaultCountry',
			type: 'string',
			default: 'US',
			description: 'Two-letter country code used for phone numbers given without a country code',
		},
		{
			displayName: 'Duration (Minutes)',
			name: 'duration',
			type: 'number',
			default: 0,
			description:
				"Meeting length in minutes; must be one the link offers. 0: the link's first duration (Reschedule: the meeting's current length, when the link offers it).",
		},
		{
			displayName: 'Form Fields (JSON)',
			name: 'formFields',
			type: 'json',
			default: '{}',
			description: 'Answers to the link\'s own form questions, as {"field_name": "value"}',
		},
		{
			displayName: 'Guest Agreed to Consent',
			name: 'guestConsented',
			type: 'boolean',
			default: false,
			description:
				"Whether the guest agreed to the meeting link's required legal consent (shown on HubSpot's booking page as a checkbox). Only needed for links that require it: the node then fails naming what to ask. For an AI agent: ask the caller and set this to true only after they clearly said yes.",
		},
		{
			displayName: 'Guest Emails',
			name: 'guestEmails',
			type: 'string',
			default: '',
			description: 'Extra attendees, separated by commas (only if the link allows guests)',
		},
		{
			displayName: 'Locale',
			name: 'locale',
			type: 'string',
			default: 'en-us',
			description: "Language of HubSpot's confirmation email, such as en-us or de-de",
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			default: '',
			description: "Saved as the meeting's description (CRM Record method)",
		},
		{
			displayName: 'Owner ID',
			name: 'ownerId',
			type: 'string',
			default: '',
			description:
				"CRM Record method: the HubSpot owner ID of the organizer, whose connected calendar gets the event. Empty: the meeting link's organizer (on a round-robin link, a member who is free at that time).",
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: "Meeting title (CRM Record method). Default: Meeting with the guest's name.",
		},
	],
};

export interface BookingOptions {
	defaultCountry: string;
	durationMinutes: number;
	formFields: Record<string, string>;
	guestEmails: string[];
	guestConsented: boolean;
	locale?: string;
	notes?: string;
	ownerId?: string;
	title?: string;
}

interface RawOptions {
	defaultCountry?: unknown;
	duration?: unknown;
	formFields?: unknown;
	guestEmails?: unknown;
	guestConsented?: unknown;
	locale?: unknown;
	notes?: unknown;
	ownerId?: unknown;
	title?: unknown;
}

export function readBookingOptions(context: IExecuteFunctions, itemIndex: number): BookingOptions {
	const raw = context.getNodeParameter('options', itemIndex, {}) as RawOptions;
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	const durationMinutes = Number(raw.duration ?? 0);
	if (!Number.isInteger(durationMinutes) || durationMinutes < 0 || durationMinutes > 1440) {
		throw invalidInput(
			context,
			itemIndex,
			'Duration (Minutes)',
			"must be a whole number of minutes, or 0 for the link's default.",
		);
	}
	const country = (text(raw.defaultCountry) ?? 'US').toUpperCase();
	if (!/^[A-Z]{2}$/.test(country)) {
		throw invalidInput(
			context,
			itemIndex,
			'Default Phone Country',
			`“${shorten(country)}” is not a two-letter country code such as US, GB or DE.`,
		);
	}
	const ownerId = text(raw.ownerId);
	if (ownerId !== undefined && !RECORD_ID.test(ownerId)) {
		throw invalidInput(context, itemIndex, 'Owner ID', 'must be a numeric HubSpot owner ID.');
	}
	return {
		defaultCountry: country,
		durationMinutes,
		formFields: readFormFields(context, itemIndex, raw.formFields),
		guestEmails: readGuestEmails(context, itemIndex, raw.guestEmails),
		guestConsented: raw.guestConsented === true || raw.guestConsented === 'true',
		locale: readLocale(context, itemIndex, text(raw.locale)),
		notes: limited(context, itemIndex, 'Notes', text(raw.notes), { multiline: true }),
		ownerId,
		title: limited(context, itemIndex, 'Title', text(raw.title), { multiline: false }),
	};
}

// HubSpot's limit for a text property value.
const MAX_TEXT_PROPERTY = 65_536;

function limited(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: string | undefined,
	rules: FreeTextRules,
) {
	if (value !== undefined && value.length > MAX_TEXT_PROPERTY) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			`${value.length.toLocaleString('en-US')} characters is more than HubSpot keeps (65,536).`,
		);
	}
	const problem = value === undefined ? undefined : freeTextProblem(value, rules);
	if (problem !== undefined) throw invalidInput(context, itemIndex, label, problem);
	return value;
}

/** Language tags as HubSpot writes them: en-us, de-de, pt-br, or just fr. */
function readLocale(context: IExecuteFunctions, itemIndex: number, locale: string | undefined) {
	if (locale !== undefined && !/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$/i.test(locale)) {
		throw invalidInput(
			context,
			itemIndex,
			'Locale',
			`“${shorten(locale)}” is not a language tag. Use one such as en-us, de-de or fr.`,
		);
	}
	return locale?.toLowerCase();
}

function readGuestEmails(context: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,;\s]+/);
	const emails = list.map(normalizeEmail).filter((email) => email !== '');
	for (const email of emails) {
		if (!isValidEmail(email)) {
			throw invalidInput(
				context,
				itemIndex,
				'Guest Emails',
				`“${shorten(email)}” is not a valid email address.`,
			);
		}
	}
	if (emails.length > 10)
		throw invalidInput(context, itemIndex, 'Guest Emails', 'at most 10 guests can be added.');
	return emails;
}

function readFormFields(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): Record<string, string> {
	let parsed: unknown = value ?? {};
	if (typeof parsed === 'string') {
		try {
			parsed = parsed.trim() === '' ? {} : JSON.parse(parsed);
		} catch {
			throw invalidInput(
				context,
				itemIndex,
				'Form Fields (JSON)',
				'is not valid JSON. Use {"field_name": "value"}.',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw invalidInput(
			context,
			itemIndex,
			'Form Fields (JSON)',
			'must be a JSON object such as {"company": "Acme"}.',
		);
	}
	const fields: Record<string, string> = {};
	for (const [name, fieldValue] of Object.entries(parsed)) {
		if (!/^[a-z0-9_]{1,100}$/i.test(name)) {
			throw invalidInput(
				context,
				itemIndex,
				'Form Fields (JSON)',
				`“${shorten(name)}” is not a HubSpot property name.`,
			);
		}
		if (typeof fieldValue === 'object' && fieldValue !== null) {
			throw invalidInput(
				context,
				itemIndex,
				'Form Fields (JSON)',
				`the answer to “${shorten(name)}” must be text, a number or true/false, not a list or an object.`,
			);
		}
		const answer = String(fieldValue);
		const problem = freeTextProblem(answer, { multiline: true });
		if (problem !== undefined) {
			throw invalidInput(
				context,
				itemIndex,
				'Form Fields (JSON)',
				`the answer to “${shorten(name)}”: ${problem}`,
			);
		}
		fields[name] = answer;
	}
	return fields;
}
