import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { Result } from '../../../shared/domain/result';
import { freeTextProblem } from '../../../shared/domain/freeText';
import { isValidEmail, normalizeEmail } from '../../../shared/domain/names';
import { shorten } from '../../../shared/domain/shorten';
import { parseDateTime } from '../../../shared/domain/time';
import { checkIanaZone } from '../../../shared/domain/zoneNames';
import type { RequestsMade } from '../../../shared/transport/client';
import { PathInputError, validateSlug } from '../../../shared/transport/paths';

/**
 * Reads node parameters into checked values. Everything here runs before the first HubSpot call,
 * so a bad item fails with a message that names the field and the fix, and nothing is written.
 */

/** The field each input error names, so the router can say afterwards what HubSpot saw of the item. */
const invalidFields = new WeakMap<NodeOperationError, string>();

export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	reason: string,
): NodeOperationError {
	const error = new NodeOperationError(context.getNode(), `Invalid ${field}: ${reason}`, {
		itemIndex,
		description: howToFix(field, itemIndex, { reads: 0, writes: 0 }),
	});
	invalidFields.set(error, field);
	return error;
}

/**
 * Most input is refused before the item's first request, but some only once HubSpot has answered
 * (the link's durations, its form's required fields, an owner ID): the description says which.
 */
export function describeRequestsMade<E>(error: E, itemIndex: number, made: RequestsMade): E {
	const field = error instanceof NodeOperationError ? invalidFields.get(error) : undefined;
	if (field !== undefined && error instanceof NodeOperationError) {
		error.description = howToFix(field, itemIndex, made);
	}
	return error;
}

function howToFix(field: string, itemIndex: number, made: RequestsMade): string {
	const fix = `Fix the "${field}" parameter of item ${itemIndex}`;
	if (made.writes > 0) {
		return `${fix}. Changes had already been sent to HubSpot for this item: check its records in HubSpot before running it again.`;
	}
	if (made.reads > 0) {
		return `${fix} and run again. This item was only read from HubSpot; nothing was written.`;
	}
	return `${fix} and run again. Nothing was sent to HubSpot for this item.`;
}

export function unwrap<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	result: Result<T>,
): T {
	if (result.ok) return result.value;
	throw invalidInput(context, itemIndex, field, result.reason);
}

/** Display names of the fields read with readString, so no message names an internal parameter. */
const FIELD_LABELS: Record<string, string> = {
	fullName: 'Full Name',
	firstName: 'First Name',
	lastName: 'Last Name',
	phone: 'Phone',
	email: 'Email',
	startDate: 'Start Date',
	startTime: 'Start Time',
	meetingId: 'Meeting ID',
	defaultCountry: 'Default Phone Country',
	timeZone: 'Time Zone',
};

/**
 * One line of text from a parameter, trimmed. Control characters are refused in every such field:
 * the ones written to HubSpot (names) must not carry them, and in the others they are never meant.
 */
export function readString(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label = FIELD_LABELS[name] ?? name,
): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') {
		throw invalidInput(context, itemIndex, label, `expected text but got ${typeof value}.`);
	}
	if (value.length > 2000) {
		throw invalidInput(context, itemIndex, label, 'the value is longer than 2,000 characters.');
	}
	const trimmed = value.trim();
	const problem = freeTextProblem(trimmed, { multiline: false });
	if (problem !== undefined) throw invalidInput(context, itemIndex, label, problem);
	return trimmed;
}

export function readSlug(context: IExecuteFunctions, itemIndex: number): string {
	const locator = context.getNodeParameter('meetingLink', itemIndex, '', {
		extractValue: false,
	}) as INodeParameterResourceLocator | string;
	const raw = typeof locator === 'string' ? locator : String(locator?.value ?? '');
	const mode = typeof locator === 'string' ? 'slug' : locator?.mode;
	const slug = mode === 'url' || /^https?:\/\//i.test(raw.trim()) ? slugFromUrl(raw) : raw;
	if (slug === undefined) {
		throw invalidInput(
			context,
			itemIndex,
			'Meeting Link',
			`“${shorten(raw)}” is not a readable meeting link URL (a broken %-escape). Paste the link again, or give its slug.`,
		);
	}
	try {
		return validateSlug(slug);
	} catch (error) {
		if (error instanceof PathInputError)
			throw invalidInput(context, itemIndex, 'Meeting Link', error.message);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/** Like readSlug, for operations where the meeting link is optional: undefined when it is empty. */
export function readOptionalSlug(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	const locator = context.getNodeParameter('meetingLink', itemIndex, '', {
		extractValue: false,
	}) as INodeParameterResourceLocator | string | undefined;
	const raw = typeof locator === 'string' ? locator : String(locator?.value ?? '');
	return raw.trim() === '' ? undefined : readSlug(context, itemIndex);
}

/** The slug part of a meeting link URL; undefined when its %-escapes cannot be decoded. */
function slugFromUrl(url: string): string | undefined {
	const match = /^https?:\/\/[^/]+\/(.+?)\/?(?:[?#].*)?$/i.exec(url.trim());
	if (!match) return url;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return undefined;
	}
}

export function readEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	required: boolean,
): string | undefined {
	const email = readString(context, itemIndex, name, label);
	if (email === '') {
		if (required)
			throw invalidInput(
				context,
				itemIndex,
				label,
				'an email address is required, for example jane@acme.com.',
			);
		return undefined;
	}
	// What an LLM or a copied link may add (mailto:, <…>, capitals) is dropped before the check.
	const normalized = normalizeEmail(email);
	if (!isValidEmail(normalized)) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			`“${shorten(email)}” is not a valid email address. Use the form name@example.com.`,
		);
	}
	return normalized;
}

/** Which zone an item's times are read and spoken in, and where it came from (output: timeZoneFrom). */
export interface ZoneChoice {
	zone: string;
	/** The node's Time Zone field, or the workflow's time zone when the field is empty. */
	from: 'Time Zone field' | 'workflow';
}

/**
 * The Time Zone field (IANA names only; abbreviations are refused with the likely names), else the
 * workflow's zone. HubSpot exposes no time zone for a meeting link, so there is no third source.
 */
export function chooseTimeZone(context: IExecuteFunctions, itemIndex: number): ZoneChoice {
	const requested = readString(context, itemIndex, 'timeZone');
	if (requested === '') return { zone: context.getTimezone(), from: 'workflow' };
	return {
		zone: unwrap(context, itemIndex, 'Time Zone', checkIanaZone(requested)),
		from: 'Time Zone field',
	};
}

export function resolveTimeZone(context: IExecuteFunctions, itemIndex: number): string {
	return chooseTimeZone(context, itemIndex).zone;
}

export interface TimeLimits {
	/** Refuse times before now (with a minute's grace for clock skew). */
	future: boolean;
	/** Refuse times further away than this, which are almost always a wrong year. */
	maxYearsAhead: number;
}

export function readDateTime(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	zone: string,
	now: DateTime,
	limits: TimeLimits = { future: true, maxYearsAhead: 2 },
): DateTime {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === '' || raw === null || raw === undefined) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			`a date and time is required: ${'use ISO 8601 such as 2026-11-24T14:00'}.`,
		);
	}
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw invalidInput(
			context,
			itemIndex,
			label,
			'expected a date and time as text or epoch milliseconds.',
		);
	}
	// Relative phrases ("Tuesday 3pm") are counted from now in the item's zone.
	const value = unwrap(context, itemIndex, label, parseDateTime(raw, zone, now));
	if (limits.future && value.toMillis() < now.toMillis() - 60_000) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			`${value.toISO({ suppressMilliseconds: true })} is in the past. Give a future time; check the year and the time zone (${zone}).`,
		);
	}
	if (value.toMillis() > now.plus({ years: limits.maxYearsAhead }).toMillis()) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			`${value.toISO({ suppressMilliseconds: true })} is more than ${limits.maxYearsAhead} years away. Check the year.`,
		);
	}
	return value;
}

export function readPositiveInteger(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	{ min, max }: { min: number; max: number },
): number {
	const value = Number(context.getNodeParameter(name, itemIndex, min));
	if (!Number.isInteger(value) || value < min || value > max) {
		throw invalidInput(context, itemIndex, label, `must be a whole number from ${min} to ${max}.`);
	}
	return value;
}
