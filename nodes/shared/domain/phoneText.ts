import { fail, ok } from './result';
import type { Result } from './result';
import { quoteInput } from './speech';

/**
 * Reduces whatever a caller ID, CRM field or LLM produced ("tel:+1…", "(415) 555 0100 ext. 12",
 * fullwidth or Arabic-Indic digits, "1-800-FLOWERS") to its digits and whether it began with "+".
 * Extensions are dropped: HubSpot search and voice caller IDs never carry them.
 */

export interface PhoneDigits {
	digits: string;
	/** The number was written with a leading "+", so it starts with a country code. */
	plus: boolean;
}

const EXAMPLE = 'such as +1 415 555 0100';
const EXTENSION = /(?:\s*[#,;]|(?<![a-z])\s*(?:ext(?:ension)?|extn|x)\.?:?)\s*\d{1,7}\s*#?$/i;
const SEPARATORS = /[\s\-.()/\u2010-\u2015\u2212\u30fc]/g;
const KEYPAD = ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'];

export function readPhoneDigits(input: string): Result<PhoneDigits> {
	let text = toAsciiDigits(input.normalize('NFKC')).trim();
	if (text === '') return fail(`No phone number was given. Give one ${EXAMPLE}.`);
	text = text
		.replace(/^tel:/i, '')
		.replace(/;.*$/, '')
		.replace(EXTENSION, '')
		.replace(/\(0\)/g, '')
		.trim();
	const plus = text.startsWith('+');
	const body = (plus ? text.slice(1) : text).replace(SEPARATORS, '');
	if (!/\d/.test(body))
		return fail(
			`${quoteInput(input)} has no digits, so it is not a phone number. Give one ${EXAMPLE}.`,
		);
	const stray = /[^0-9a-z]/i.exec(body);
	if (stray)
		return fail(
			`${quoteInput(input)} contains “${stray[0]}”, which is not part of a phone number. Give the number ${EXAMPLE}.`,
		);
	const firstLetter = body.search(/[a-z]/i);
	if (firstLetter >= 0 && firstLetter < 3) {
		return fail(
			`${quoteInput(input)} contains letters. Give the phone number in digits, ${EXAMPLE}.`,
		);
	}
	return ok({ digits: body.replace(/[a-z]/gi, keypadDigit), plus });
}

/**
 * Letters after at least three digits are a vanity number (1-800-FLOWERS) and dial as keypad
 * digits; letters anywhere else mean the text is not a number at all.
 */
function keypadDigit(letter: string): string {
	const index = KEYPAD.findIndex((keys) => keys.includes(letter.toLowerCase()));
	return String(index + 2);
}

/** Any Unicode decimal digit (Arabic-Indic, Devanagari…) to ASCII; Unicode keeps each 0–9 run contiguous. */
function toAsciiDigits(text: string): string {
	return text.replace(/\p{Nd}/gu, (digit) => {
		const code = digit.codePointAt(0) as number;
		let zero = code;
		while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
		return String((code - zero) % 10);
	});
}
