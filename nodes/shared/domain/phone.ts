import {
	callingCodePrefix,
	nationalLengthBounds,
	regionPlan,
	regionsForCode,
} from './callingCodes';
import type { RegionPlan } from './callingCodes';
import { readPhoneDigits } from './phoneText';
import { fail, ok } from './result';
import type { Result } from './result';
import { quoteInput } from './speech';

/**
 * Phone numbers in the two forms this package needs: E.164 to store and compare, and the national
 * number that HubSpot's hs_searchable_calculated_* properties index. Numbers without a country code
 * are read in the default region.
 */

export interface NormalizedPhone {
	e164: string;
	countryCallingCode: string;
	/** National significant number: no country code, no trunk prefix (Italy's leading 0 is kept, it is part of the number). */
	nationalNumber: string;
	/** Set when the region is certain: the number was read in the default region, or its code belongs to one region only. */
	region?: string;
}

/** Dialling prefixes for calling abroad; "00" is understood everywhere, these only from their own regions. */
const INTERNATIONAL_PREFIXES: Record<string, string> = { '1': '011', '61': '0011', '81': '010' };
const REGION_ALIASES: Record<string, string> = { UK: 'GB' };

/**
 * Digits that are too long for the default region are read as international only in one case:
 * 1 followed by a valid North American number, the way CRMs store +1 numbers without the "+".
 * Anything else could be a typo ("415 555 01001" would otherwise become a Swiss number).
 */
const NANP_WITHOUT_PLUS = /^1[2-9]\d{2}[2-9]\d{6}$/;

type Reading = Result<NormalizedPhone>;

export function normalizePhone(input: string, defaultRegion: string): Reading {
	const read = readPhoneDigits(input);
	if (!read.ok) return read;
	const { digits } = read.value;
	if (read.value.plus) return readInternational(digits, input);
	const regionCode = defaultRegion.trim().toUpperCase();
	const plan = regionPlan(REGION_ALIASES[regionCode] ?? regionCode);
	const abroad = [plan ? INTERNATIONAL_PREFIXES[plan.callingCode] : undefined, '00'].find(
		(prefix) => prefix !== undefined && digits.startsWith(prefix),
	);
	if (abroad) return readInternational(digits.slice(abroad.length), input);
	if (!plan) {
		return fail(
			`${quoteInput(input)} has no country code, and the Default Phone Country ${quoteInput(defaultRegion)} is not a two-letter code I know (like US or GB). ` +
				'Fix the Default Phone Country, or give the number with + and its country code.',
		);
	}
	return readNational(digits, plan, input);
}

function readNational(digits: string, plan: RegionPlan, input: string): Reading {
	const trunk = plan.trunkPrefixes.find((prefix) => digits.startsWith(prefix));
	// Ten NANP digits starting with 1 are a mistyped area code, not a trunk 1 before nine digits.
	const keepAsWritten = !trunk || (plan.callingCode === '1' && digits.length === 10);
	const national = keepAsWritten ? digits : digits.slice(trunk.length);
	const reading = build(plan.callingCode, national, input, plan.region);
	if (reading.ok) return reading;
	if (NANP_WITHOUT_PLUS.test(digits)) return readInternational(digits, input);
	return national.length > nationalLengthBounds(plan.callingCode)[1]
		? fail(
				`${reading.reason} If it is an international number, start it with + and the country code.`,
			)
		: reading;
}

function readInternational(digits: string, input: string): Reading {
	const code = callingCodePrefix(digits);
	if (!code) {
		return fail(
			`${quoteInput(input)} does not start with a country calling code I know. Check the digits after the +, as in +1 415 555 0100.`,
		);
	}
	const regions = regionsForCode(code);
	let national = digits.slice(code.length);
	// "+44 020 …": a trunk 0 written after the country code is a common slip where 0 is only ever a trunk prefix.
	const trunkZeroOnly =
		regions.length > 0 &&
		regions.every((region) => regionPlan(region)?.trunkPrefixes.includes('0'));
	if (trunkZeroOnly && national.startsWith('0')) national = national.slice(1);
	return build(code, national, input, regions.length === 1 ? regions[0] : undefined);
}

function build(code: string, national: string, input: string, region: string | undefined): Reading {
	const [min, max] = nationalLengthBounds(code);
	const expected = min === max ? `${min}` : `${min} to ${max}`;
	if (national.length < min || national.length > max) {
		const size = national.length < min ? 'too short' : 'too long';
		const hint = code === '1' && national.length < min ? ' Include the area code.' : '';
		return fail(
			`${quoteInput(input)} is ${size} for a phone number: after the country code +${code} it has ${national.length} digits, and numbers there have ${expected}.${hint}`,
		);
	}
	if (code === '1' && !/^[2-9]\d{2}[2-9]/.test(national)) {
		return fail(
			`${quoteInput(input)} is not a valid North American number: area codes and exchanges never start with 0 or 1.`,
		);
	}
	return ok({
		e164: `+${code}${national}`,
		countryCallingCode: code,
		nationalNumber: national,
		...(region ? { region } : {}),
	});
}

/** What HubSpot's calculated search properties may hold: the national number, also with leading zeros dropped. */
export function nationalSearchVariants(phone: NormalizedPhone): string[] {
	const variants = [phone.nationalNumber, phone.nationalNumber.replace(/^0+/, '')];
	return [...new Set(variants)].filter((variant) => variant !== '');
}

/**
 * Confirms a search hit on whole numbers. The stored value matches when it reads (in the default
 * region) as the same E.164 number, or when it is written without a country code and its digits
 * are exactly the caller's complete national number (with or without trunk prefix). A stored number
 * missing its area code never matches.
 */
export function sameNumber(
	stored: string | null | undefined,
	phone: NormalizedPhone,
	defaultRegion: string,
): boolean {
	if (typeof stored !== 'string' || stored.trim() === '') return false;
	const parsed = normalizePhone(stored, defaultRegion);
	if (parsed.ok && parsed.value.e164 === phone.e164) return true;
	const read = readPhoneDigits(stored);
	if (!read.ok || read.value.plus) return false;
	return nationalForms(phone).includes(read.value.digits);
}

function nationalForms(phone: NormalizedPhone): string[] {
	const trunks = regionsForCode(phone.countryCallingCode).flatMap(
		(region) => regionPlan(region)?.trunkPrefixes ?? [],
	);
	const bases = nationalSearchVariants(phone);
	return [...bases, ...trunks.map((trunk) => `${trunk}${phone.nationalNumber}`)];
}
