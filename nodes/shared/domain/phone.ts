import { fail, ok } from './result';
import type { Result } from './result';

/**
 * Phone numbers without libphonenumber (community nodes may not ship dependencies): enough of the
 * numbering plan to turn what callers and CRMs hold into E.164 and into the national number HubSpot
 * indexes for search.
 */

export interface NormalizedPhone {
	e164: string;
	countryCallingCode: string;
	nationalNumber: string;
	region?: string;
}

/** Region → calling code and whether a leading 0 is a national trunk prefix. */
const REGIONS: Record<string, { code: string; trunkZero: boolean }> = {
	US: { code: '1', trunkZero: false }, CA: { code: '1', trunkZero: false }, GB: { code: '44', trunkZero: true },
	IE: { code: '353', trunkZero: true }, DE: { code: '49', trunkZero: true }, FR: { code: '33', trunkZero: true },
	ES: { code: '34', trunkZero: false }, IT: { code: '39', trunkZero: false }, NL: { code: '31', trunkZero: true },
	BE: { code: '32', trunkZero: true }, CH: { code: '41', trunkZero: true }, AT: { code: '43', trunkZero: true },
	SE: { code: '46', trunkZero: true }, NO: { code: '47', trunkZero: false }, DK: { code: '45', trunkZero: false },
	FI: { code: '358', trunkZero: true }, PL: { code: '48', trunkZero: false }, PT: { code: '351', trunkZero: false },
	AU: { code: '61', trunkZero: true }, NZ: { code: '64', trunkZero: true }, IN: { code: '91', trunkZero: true },
	JP: { code: '81', trunkZero: true }, CN: { code: '86', trunkZero: true }, SG: { code: '65', trunkZero: false },
	HK: { code: '852', trunkZero: false }, BR: { code: '55', trunkZero: true }, MX: { code: '52', trunkZero: false },
	AR: { code: '54', trunkZero: true }, ZA: { code: '27', trunkZero: true }, AE: { code: '971', trunkZero: true },
	IL: { code: '972', trunkZero: true }, TR: { code: '90', trunkZero: true }, RU: { code: '7', trunkZero: false },
};

const CODES = [...new Set(Object.values(REGIONS).map((region) => region.code))].sort((a, b) => b.length - a.length);
const TRUNK_ZERO = new Set(Object.values(REGIONS).filter((region) => region.trunkZero).map((region) => region.code));

function regionOf(code: string): string | undefined {
	return Object.entries(REGIONS).find(([, region]) => region.code === code)?.[0];
}

export function normalizePhone(input: string, defaultRegion: string): Result<NormalizedPhone> {
	const text = input
		.normalize('NFKC')
		.replace(/^tel:/i, '')
		.replace(/\s*(ext\.?|x|extension)\s*\d+\s*$/i, '')
		.trim();
	if (!/\d/.test(text)) return fail(`“${input.slice(0, 40)}” has no digits. Give a phone number such as +1 415 555 0100.`);
	if (/[a-z]/i.test(text)) return fail(`“${input.slice(0, 40)}” contains letters. Give the number in digits.`);
	const withoutTrunkHint = text.replace(/\(0\)/g, '');
	let digits = withoutTrunkHint.replace(/\D/g, '');
	let international = withoutTrunkHint.startsWith('+');
	if (!international && digits.startsWith('00')) {
		digits = digits.slice(2);
		international = true;
	} else if (!international && digits.startsWith('011') && defaultRegion === 'US') {
		digits = digits.slice(3);
		international = true;
	}
	const region = REGIONS[defaultRegion.toUpperCase()];
	if (!international) {
		if (!region) return fail(`“${defaultRegion}” is not a country I know for numbers without a country code. Give the number with + and the country code.`);
		if (region.code === '1' && digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
		if (region.trunkZero && digits.startsWith('0')) digits = digits.slice(1);
		return build(region.code, digits, input);
	}
	const code = CODES.find((candidate) => digits.startsWith(candidate));
	if (!code) return fail(`“${input.slice(0, 40)}” starts with a country code I do not know. Check the digits after +.`);
	let national = digits.slice(code.length);
	if (TRUNK_ZERO.has(code) && national.startsWith('0')) national = national.slice(1);
	return build(code, national, input);
}

function build(code: string, national: string, input: string): Result<NormalizedPhone> {
	if (code === '1' && national.length !== 10) {
		return fail(`“${input.slice(0, 40)}” is not a valid North American number: it needs 10 digits after the country code.`);
	}
	if (national.length < 4 || code.length + national.length > 15) {
		return fail(`“${input.slice(0, 40)}” is too ${national.length < 4 ? 'short' : 'long'} to be a phone number.`);
	}
	return ok({ e164: `+${code}${national}`, countryCallingCode: code, nationalNumber: national, region: regionOf(code) });
}

/** HubSpot's calculated search properties hold the national number; leading zeros may be dropped. */
export function nationalSearchVariants(phone: NormalizedPhone): string[] {
	return [...new Set([phone.nationalNumber, phone.nationalNumber.replace(/^0+/, '')])].filter((value) => value !== '');
}

/** Confirms a search hit digit for digit, so a number that merely ends the same is never a match. */
export function sameNumber(stored: string | null | undefined, phone: NormalizedPhone, defaultRegion: string): boolean {
	if (!stored) return false;
	const parsed = normalizePhone(stored, phone.countryCallingCode === '1' ? 'US' : (phone.region ?? defaultRegion));
	return parsed.ok && parsed.value.e164 === phone.e164;
}
