import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { Result } from '../../shared/domain/result';
import { isValidEmail, normalizeEmail } from '../../shared/domain/names';
import { isValidTimeZone, parseDateTime } from '../../shared/domain/time';
import { PathInputError, validateSlug } from '../../shared/transport/paths';

/**
 * Reads node parameters into checked values. Everything here runs before the first HubSpot call,
 * so a bad item fails with a message that names the field and the fix, and nothing is written.
 */

export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	reason: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Invalid ${field}: ${reason}`, {
		itemIndex,
		description: `Fix the "${field}" parameter of item ${itemIndex} and run again. Nothing was sent to HubSpot for this item.`,
	});
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

export function readString(context: IExecuteFunctions, itemIndex: number, name: string): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') {
		throw invalidInput(context, itemIndex, name, `expected text but got ${typeof value}.`);
	}
	if (value.length > 2000) {
		throw invalidInput(context, itemIndex, name, 'the value is longer than 2,000 characters.');
	}
	return value.trim();
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
			`“${preview(raw)}” is not a readable meeting link URL (a broken %-escape). Paste the link again, or give its slug.`,
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
	const email = readString(context, itemIndex, name);
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
			`“${preview(email)}” is not a valid email address. Use the form name@example.com.`,
		);
	}
	return normalized;
}

/** The explicit parameter, else the link's zone, else the workflow's; always a valid IANA name. */
export function resolveTimeZone(
	context: IExecuteFunctions,
	itemIndex: number,
	linkTimeZone?: string,
): string {
	const requested = readString(context, itemIndex, 'timeZone');
	if (requested !== '') {
		if (!isValidTimeZone(requested)) {
			throw invalidInput(
				context,
				itemIndex,
				'Time Zone',
				`“${preview(requested)}” is not an IANA time zone. Use a name such as America/New_York, Europe/London or UTC.`,
			);
		}
		return requested;
	}
	if (linkTimeZone && isValidTimeZone(linkTimeZone)) return linkTimeZone;
	return context.getTimezone();
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
	const now = DateTime.now();
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

export function preview(value: string): string {
	return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
