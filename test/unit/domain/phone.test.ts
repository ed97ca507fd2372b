import {
	allCallingCodes,
	allRegions,
	callingCodePrefix,
	regionPlan,
	regionsForCode,
} from '../../../nodes/shared/domain/callingCodes';
import {
	nationalSearchVariants,
	normalizePhone,
	sameNumber,
} from '../../../nodes/shared/domain/phone';
import type { NormalizedPhone } from '../../../nodes/shared/domain/phone';

const SF = { e164: '+14155550100', countryCallingCode: '1', nationalNumber: '4155550100' };
const LONDON = { e164: '+442079460958', countryCallingCode: '44', nationalNumber: '2079460958' };

function phone(input: string, region: string): NormalizedPhone {
	const result = normalizePhone(input, region);
	if (!result.ok) throw new Error(`expected ${input} to normalize, got: ${result.reason}`);
	return result.value;
}

function reason(input: string, region: string): string {
	const result = normalizePhone(input, region);
	if (result.ok) throw new Error(`expected ${input} to be rejected, got ${result.value.e164}`);
	return result.reason;
}

describe('normalizePhone reads numbers as people and platforms write them', () => {
	it.each([
		['+1 (415) 555-0100', 'US', SF],
		['415.555.0100', 'US', { ...SF, region: 'US' }],
		['1-415-555-0100', 'US', { ...SF, region: 'US' }],
		['(415) 555 0100 ext. 12', 'US', { ...SF, region: 'US' }],
		['415-555-0100x12', 'US', { ...SF, region: 'US' }],
		['+1 415 555 0100, 12', 'US', SF],
		['tel:+14155550100', 'US', SF],
		['tel:+1-415-555-0100;ext=12', 'US', SF],
		['＋１ ４１５ ５５５ ０１００', 'US', SF],
		['١٤١٥٥٥٥٠١٠٠', 'US', { ...SF, region: 'US' }],
		['(415) 555-0100', 'CA', { ...SF, region: 'CA' }],
		['14155550100', 'GB', SF],
		['0044 20 7946 0958', 'US', LONDON],
		['011 44 20 7946 0958', 'US', LONDON],
		['０１１ ４４ ２０ ７９４６ ０９５８', 'US', LONDON],
		['+44 (0)20 7946 0958', 'US', LONDON],
		['+44 020 7946 0958', 'US', LONDON],
		['+442079460958', 'US', LONDON],
		['020 7946 0958', 'GB', { ...LONDON, region: 'GB' }],
		['020 7946 0958', 'uk', { ...LONDON, region: 'GB' }],
		[
			'+49 30 901820',
			'US',
			{ e164: '+4930901820', countryCallingCode: '49', nationalNumber: '30901820', region: 'DE' },
		],
		[
			'030 901820',
			'DE',
			{ e164: '+4930901820', countryCallingCode: '49', nationalNumber: '30901820', region: 'DE' },
		],
		[
			'+61 2 9374 4000',
			'US',
			{ e164: '+61293744000', countryCallingCode: '61', nationalNumber: '293744000' },
		],
		[
			'(02) 9374 4000',
			'AU',
			{ e164: '+61293744000', countryCallingCode: '61', nationalNumber: '293744000', region: 'AU' },
		],
		['0011 1 415 555 0100', 'AU', SF],
		[
			'+39 06 698 12345',
			'US',
			{ e164: '+390669812345', countryCallingCode: '39', nationalNumber: '0669812345' },
		],
		[
			'06 698 12345',
			'IT',
			{
				e164: '+390669812345',
				countryCallingCode: '39',
				nationalNumber: '0669812345',
				region: 'IT',
			},
		],
		[
			'8 (495) 123-45-67',
			'RU',
			{ e164: '+74951234567', countryCallingCode: '7', nationalNumber: '4951234567', region: 'RU' },
		],
		[
			'06 20 123 4567',
			'HU',
			{ e164: '+36201234567', countryCallingCode: '36', nationalNumber: '201234567', region: 'HU' },
		],
		[
			'+800 1234 5678',
			'US',
			{ e164: '+80012345678', countryCallingCode: '800', nationalNumber: '12345678' },
		],
		[
			'1-800-FLOWERS',
			'US',
			{ e164: '+18003569377', countryCallingCode: '1', nationalNumber: '8003569377', region: 'US' },
		],
		[
			'415-555-CALL',
			'US',
			{ e164: '+14155552255', countryCallingCode: '1', nationalNumber: '4155552255', region: 'US' },
		],
	])('%j (default %s)', (input, region, expected) => {
		expect(phone(input, region)).toEqual(expected);
	});
});

describe('normalizePhone rejects with a reason', () => {
	const EXAMPLE = 'such as +1 415 555 0100';

	it.each([
		['', 'US', `No phone number was given. Give one ${EXAMPLE}.`],
		['   ', 'US', `No phone number was given. Give one ${EXAMPLE}.`],
		['()- .', 'US', `“()- .” has no digits, so it is not a phone number. Give one ${EXAMPLE}.`],
		[
			'jane@example.com',
			'US',
			`“jane@example.com” has no digits, so it is not a phone number. Give one ${EXAMPLE}.`,
		],
		[
			'415*555*0100',
			'US',
			`“415*555*0100” contains “*”, which is not part of a phone number. Give the number ${EXAMPLE}.`,
		],
		[
			'call 4155550100',
			'US',
			`“call 4155550100” contains letters. Give the phone number in digits, ${EXAMPLE}.`,
		],
		[
			'555-0100',
			'US',
			'“555-0100” is too short for a phone number: after the country code +1 it has 7 digits, and numbers there have 10. Include the area code.',
		],
		[
			'415 555 01001',
			'US',
			'“415 555 01001” is too long for a phone number: after the country code +1 it has 11 digits, and numbers there have 10. If it is an international number, start it with + and the country code.',
		],
		[
			'442079460958',
			'US',
			'“442079460958” is too long for a phone number: after the country code +1 it has 12 digits, and numbers there have 10. If it is an international number, start it with + and the country code.',
		],
		[
			'020 7946',
			'GB',
			'“020 7946” is too short for a phone number: after the country code +44 it has 6 digits, and numbers there have 7 to 10.',
		],
		[
			'+49 123',
			'US',
			'“+49 123” is too short for a phone number: after the country code +49 it has 3 digits, and numbers there have 4 to 13.',
		],
		[
			'+351 1234567890123',
			'US',
			'“+351 1234567890123” is too long for a phone number: after the country code +351 it has 13 digits, and numbers there have 4 to 12.',
		],
		[
			'(123) 456-7890',
			'US',
			'“(123) 456-7890” is not a valid North American number: area codes and exchanges never start with 0 or 1.',
		],
		[
			'+999 123 456',
			'US',
			'“+999 123 456” does not start with a country calling code I know. Check the digits after the +, as in +1 415 555 0100.',
		],
		[
			'415 555 0100',
			'XX',
			'“415 555 0100” has no country code, and the Default Phone Country “XX” is not a two-letter code I know (like US or GB). Fix the Default Phone Country, or give the number with + and its country code.',
		],
	])('%j (default %s)', (input, region, expected) => {
		expect(reason(input, region)).toBe(expected);
	});
});

describe('nationalSearchVariants', () => {
	it.each([
		[SF, ['4155550100']],
		[LONDON, ['2079460958']],
		[
			{ e164: '+390669812345', countryCallingCode: '39', nationalNumber: '0669812345' },
			['0669812345', '669812345'],
		],
	])('%j → %j', (input, expected) => {
		expect(nationalSearchVariants(input)).toEqual(expected);
	});
});

describe('sameNumber', () => {
	const ROME = { e164: '+390669812345', countryCallingCode: '39', nationalNumber: '0669812345' };

	it.each([
		['(415) 555-0100', SF, 'US', true],
		['+1 415 555 0100', SF, 'US', true],
		['+14155550100 ext 7', SF, 'US', true],
		['14155550100', SF, 'US', true],
		['4155550100', SF, 'GB', true],
		['2079460958', LONDON, 'GB', true],
		['020 7946 0958', LONDON, 'US', true],
		['+44 20 7946 0958', LONDON, 'US', true],
		['669812345', ROME, 'US', true],
		['555-0100', SF, 'US', false],
		['5550100', SF, 'US', false],
		['7946 0958', LONDON, 'GB', false],
		['+1 415 555 0101', SF, 'US', false],
		['+44 415 555 0100', SF, 'US', false],
		['+1 415 555 0100 0', SF, 'US', false],
		['not a number', SF, 'US', false],
		['', SF, 'US', false],
		[null, SF, 'US', false],
		[undefined, SF, 'US', false],
	])('%j vs %j (default %s) → %s', (stored, target, region, expected) => {
		expect(sameNumber(stored, target, region)).toBe(expected);
	});
});

describe('calling code table', () => {
	it('is prefix-free, so reading a code never depends on how many digits follow', () => {
		const codes = allCallingCodes();
		const clashes = codes.flatMap((a) =>
			codes.filter((b) => a !== b && b.startsWith(a)).map((b) => `${a}/${b}`),
		);
		expect(clashes).toEqual([]);
	});

	it('covers every ISO 3166 region except Pitcairn', () => {
		const iso3166 =
			'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
				' ',
			);
		const listed = new Set(allRegions());
		expect(iso3166.filter((region) => !listed.has(region))).toEqual(['PN']);
	});

	it.each([
		['US', '1', ['1']],
		['JM', '1', ['1']],
		['GB', '44', ['0']],
		['IT', '39', []],
		['RU', '7', ['8']],
		['KZ', '7', ['8']],
		['HU', '36', ['06']],
		['LT', '370', ['0', '8']],
		['BR', '55', ['0']],
		['SG', '65', []],
	])('%s → +%s with trunk prefixes %j', (region, code, trunks) => {
		expect(regionPlan(region)).toEqual({ region, callingCode: code, trunkPrefixes: trunks });
	});

	it.each([
		['14155550100', '1'],
		['442079460958', '44'],
		['35312345678', '353'],
		['80012345678', '800'],
		['999123', undefined],
		['', undefined],
	])('callingCodePrefix(%j) → %j', (digits, code) => {
		expect(callingCodePrefix(digits)).toBe(code);
	});

	it('lists the regions that share a code', () => {
		expect(regionsForCode('7')).toEqual(['RU', 'KZ']);
		expect(regionsForCode('44')).toEqual(['GB', 'GG', 'IM', 'JE']);
		expect(regionsForCode('800')).toEqual([]);
		expect(regionsForCode('1')).toHaveLength(26);
	});
});
