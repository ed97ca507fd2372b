/**
 * HubSpot's calculated phone properties, recomputed on every contact write. HubSpot keeps the raw
 * `phone` / `mobilephone` exactly as typed and derives searchable copies; phone search only works on
 * the national form (area code + local number, no country code, no trunk 0), which is why a node that
 * searches for a caller must strip the country code first.
 */

/** Calling code → ISO region, for the codes the fixture and common callers use. */
const CALLING_CODES: Record<string, string> = {
	'1': 'US',
	'7': 'RU',
	'20': 'EG',
	'27': 'ZA',
	'30': 'GR',
	'31': 'NL',
	'32': 'BE',
	'33': 'FR',
	'34': 'ES',
	'36': 'HU',
	'39': 'IT',
	'40': 'RO',
	'41': 'CH',
	'43': 'AT',
	'44': 'GB',
	'45': 'DK',
	'46': 'SE',
	'47': 'NO',
	'48': 'PL',
	'49': 'DE',
	'51': 'PE',
	'52': 'MX',
	'54': 'AR',
	'55': 'BR',
	'56': 'CL',
	'57': 'CO',
	'60': 'MY',
	'61': 'AU',
	'62': 'ID',
	'63': 'PH',
	'64': 'NZ',
	'65': 'SG',
	'66': 'TH',
	'81': 'JP',
	'82': 'KR',
	'84': 'VN',
	'86': 'CN',
	'90': 'TR',
	'91': 'IN',
	'92': 'PK',
	'351': 'PT',
	'352': 'LU',
	'353': 'IE',
	'354': 'IS',
	'358': 'FI',
	'420': 'CZ',
	'852': 'HK',
	'966': 'SA',
	'971': 'AE',
	'972': 'IL',
};

const REGION_TO_CODE: Record<string, string> = Object.fromEntries(
	Object.entries(CALLING_CODES).map(([code, region]) => [region, code]),
);

/** Italy keeps its leading 0 inside the national number; NANP has no trunk 0; everyone else drops it. */
const KEEPS_LEADING_ZERO = new Set(['IT']);

export interface ParsedPhone {
	/** Digits after the country code; for numbers we cannot place, every digit without leading zeros. */
	national: string;
	callingCode?: string;
	region?: string;
	/** E.164, only when the number is plausible for its region. */
	e164?: string;
}

export function parsePhone(raw: string, defaultRegion: string): ParsedPhone | undefined {
	const trimmed = raw.trim();
	const digits = trimmed.replace(/\D/g, '');
	if (digits === '') return undefined;
	const international = trimmed.startsWith('+')
		? digits
		: digits.startsWith('00')
			? digits.slice(2)
			: undefined;
	if (international !== undefined) return parseInternational(international);
	return parseNational(digits, defaultRegion);
}

function parseInternational(digits: string): ParsedPhone {
	for (const length of [1, 2, 3]) {
		const code = digits.slice(0, length);
		const region = CALLING_CODES[code];
		if (region) return placed(digits.slice(length), code, region);
	}
	return { national: stripLeadingZeros(digits) };
}

function parseNational(digits: string, defaultRegion: string): ParsedPhone {
	const code = REGION_TO_CODE[defaultRegion] ?? '1';
	const region = CALLING_CODES[code] ?? 'US';
	if (code === '1' && digits.length === 11 && digits.startsWith('1'))
		return placed(digits.slice(1), code, region);
	const parsed = placed(digits, code, region);
	// A number that cannot belong to the portal's country keeps its digits but gets no E.164 form.
	return parsed.e164 ? parsed : { national: stripLeadingZeros(digits) };
}

function placed(rest: string, callingCode: string, region: string): ParsedPhone {
	const hasTrunkZero = callingCode !== '1' && !KEEPS_LEADING_ZERO.has(region);
	const national = hasTrunkZero ? rest.replace(/^0/, '') : rest;
	if (!isPlausible(national, callingCode)) return { national: stripLeadingZeros(rest) };
	return { national, callingCode, region, e164: `+${callingCode}${national}` };
}

function isPlausible(national: string, callingCode: string): boolean {
	if (callingCode === '1') return /^[2-9]\d{9}$/.test(national);
	return /^\d{5,12}$/.test(national);
}

function stripLeadingZeros(digits: string): string {
	return digits.replace(/^0+/, '');
}

export const CALCULATED_PHONE_PROPERTIES = [
	'hs_searchable_calculated_phone_number',
	'hs_searchable_calculated_international_phone_number',
	'hs_calculated_phone_number',
	'hs_calculated_phone_number_country_code',
	'hs_calculated_phone_number_area_code',
	'hs_searchable_calculated_mobile_number',
	'hs_searchable_calculated_international_mobile_number',
	'hs_calculated_mobile_number',
] as const;

/** The calculated properties for a contact's current phone and mobile values ('' clears one). */
export function calculatedPhoneProperties(
	properties: Record<string, string>,
	defaultRegion: string,
): Record<string, string> {
	const result: Record<string, string> = {};
	const phone = properties.phone ? parsePhone(properties.phone, defaultRegion) : undefined;
	if (phone) {
		result.hs_searchable_calculated_phone_number = phone.national;
		if (phone.e164 && phone.callingCode && phone.region) {
			result.hs_searchable_calculated_international_phone_number =
				phone.callingCode + phone.national;
			result.hs_calculated_phone_number = phone.e164;
			result.hs_calculated_phone_number_country_code = phone.region;
			if (phone.callingCode === '1')
				result.hs_calculated_phone_number_area_code = phone.national.slice(0, 3);
		}
	}
	const mobile = properties.mobilephone
		? parsePhone(properties.mobilephone, defaultRegion)
		: undefined;
	if (mobile) {
		result.hs_searchable_calculated_mobile_number = mobile.national;
		if (mobile.e164 && mobile.callingCode) {
			result.hs_searchable_calculated_international_mobile_number =
				mobile.callingCode + mobile.national;
			result.hs_calculated_mobile_number = mobile.e164;
		}
	}
	return result;
}
