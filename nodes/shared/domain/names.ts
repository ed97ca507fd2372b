/**
 * HubSpot wants a first and a last name, but voice agents hear one full name; and HubSpot refuses
 * malformed emails only at booking time, after the caller has already been promised a slot.
 *
 * Name rule (what people expect from a form): honorifics are dropped, the last word is the last
 * name and everything before it the first name, so middle names and initials stay with the first
 * name ("Mary Ann Smith" → "Mary Ann" / "Smith", "Jane Q Doe" → "Jane Q" / "Doe"). Particles just
 * before the last word belong to it ("Ludwig van Beethoven" → Ludwig / "van Beethoven", "Juan de
 * la Cruz" → Juan / "de la Cruz"), and trailing suffixes stay with it ("Martin Luther King Jr." →
 * "Martin Luther" / "King Jr."). The first word is always a first name, even when it looks like a
 * particle ("Van Morrison"). In the "Last, First" form the part after the comma is the first name,
 * except trailing particles and suffixes, which move to the last name ("Beethoven, Ludwig van" →
 * Ludwig / "van Beethoven"). Capitalisation is kept as given.
 */

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev']);
const PARTICLES = new Set([
	'van',
	'von',
	'der',
	'den',
	'de',
	'del',
	'della',
	'di',
	'da',
	'dos',
	'das',
	'du',
	'la',
	'le',
	'ter',
	'ten',
	'bin',
	'ibn',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'dds']);

export interface NameParts {
	firstName: string;
	lastName: string;
}

const bare = (word: string) => word.toLowerCase().replace(/\./g, '');
const isHonorific = (word: string) => HONORIFICS.has(bare(word));
const isSuffix = (word: string) => SUFFIXES.has(bare(word).replace(/,$/, ''));

export function splitFullName(full: string): NameParts {
	const text = full.replace(/\s+/g, ' ').trim();
	const comma = /^([^,]+),\s*([^,]+?)(?:,\s*([^,]+))?$/.exec(text);
	if (comma && !isSuffix(comma[2].trim())) return splitLastFirst(comma[1], comma[2], comma[3]);
	const words = withoutHonorifics(
		text
			.replace(/,/g, ' ')
			.split(' ')
			.filter((word) => word !== ''),
	);
	if (words.length === 0) return { firstName: '', lastName: '' };
	const lastNameStart = lastNameStartIndex(words);
	return {
		firstName: words.slice(0, lastNameStart).join(' '),
		lastName: words.slice(lastNameStart).join(' '),
	};
}

/** Where the last name begins: its last real word, plus the particles right before it, never the first word. */
function lastNameStartIndex(words: string[]): number {
	if (words.length === 1) return 1;
	let surname = words.length - 1;
	while (surname > 1 && isSuffix(words[surname])) surname--;
	let start = surname;
	while (start > 1 && PARTICLES.has(words[start - 1].toLowerCase())) start--;
	return start;
}

/** "Doe, Jane", "Doe, Jane, Jr." or "Beethoven, Ludwig van". */
function splitLastFirst(last: string, given: string, suffix: string | undefined): NameParts {
	const givenWords = withoutHonorifics(given.trim().split(' '));
	const lastWords = last.trim().split(' ');
	const moved: string[] = [];
	while (
		givenWords.length > 1 &&
		(PARTICLES.has(givenWords[givenWords.length - 1].toLowerCase()) ||
			isSuffix(givenWords[givenWords.length - 1]))
	) {
		moved.unshift(givenWords.pop() as string);
	}
	const particles = moved.filter((word) => !isSuffix(word));
	const suffixes = [...moved.filter(isSuffix), ...(suffix ? [suffix.trim()] : [])];
	return {
		firstName: givenWords.join(' '),
		lastName: [...particles, ...withoutHonorifics(lastWords), ...suffixes].join(' '),
	};
}

/** Leading titles only, and never the last word: someone may really be called "Miss". */
function withoutHonorifics(words: string[]): string[] {
	let start = 0;
	while (start < words.length - 1 && isHonorific(words[start])) start++;
	return words.slice(start);
}

export function composeName(firstName: string, lastName: string): string {
	return `${firstName} ${lastName}`.replace(/\s+/g, ' ').trim();
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** A pragmatic RFC 5322 subset: dot-atom local part, a dotted domain of valid labels, no quoting or IP literals. */
export function isValidEmail(email: string): boolean {
	const value = email.trim();
	if (value.length > 254) return false;
	const at = value.indexOf('@');
	if (at < 1 || at !== value.lastIndexOf('@')) return false;
	const local = value.slice(0, at);
	const labels = value.slice(at + 1).split('.');
	return (
		local.length <= 64 &&
		LOCAL_PART.test(local) &&
		labels.length >= 2 &&
		labels.every((label) => DOMAIN_LABEL.test(label)) &&
		TOP_LEVEL.test(labels[labels.length - 1])
	);
}

/** HubSpot treats emails case-insensitively, so the whole address is lower-cased for our own comparisons. */
export function normalizeEmail(email: string): string {
	return email
		.trim()
		.replace(/^mailto:/i, '')
		.replace(/^<(.*)>$/, '$1')
		.trim()
		.toLowerCase();
}
