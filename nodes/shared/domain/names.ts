/** Splitting a spoken name the way people expect, and the email checks HubSpot would otherwise reject late. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam']);
const PARTICLES = new Set(['van', 'von', 'de', 'del', 'della', 'der', 'den', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'bin', 'ibn', 'al']);

export function splitFullName(full: string): { firstName: string; lastName: string } {
	let text = full.replace(/\s+/g, ' ').trim();
	const comma = /^([^,]+),\s*(.+)$/.exec(text);
	if (comma) text = `${comma[2]} ${comma[1]}`;
	const words = text.split(' ').filter((word) => word !== '' && !HONORIFICS.has(word.replace(/\.$/, '').toLowerCase()));
	if (words.length === 0) return { firstName: '', lastName: '' };
	if (words.length === 1) return { firstName: words[0], lastName: '' };
	let lastStart = words.length - 1;
	while (lastStart > 1 && PARTICLES.has(words[lastStart - 1].toLowerCase())) lastStart--;
	if (/^(jr|sr|ii|iii|iv)\.?$/i.test(words[words.length - 1]) && lastStart === words.length - 1 && words.length > 2) lastStart--;
	return { firstName: words.slice(0, lastStart).join(' '), lastName: words.slice(lastStart).join(' ') };
}

export function composeName(firstName: string, lastName: string): string {
	return [firstName, lastName].filter((part) => part.trim() !== '').join(' ');
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidEmail(email: string): boolean {
	const value = email.trim();
	if (value.length > 254 || !EMAIL.test(value)) return false;
	const local = value.slice(0, value.indexOf('@'));
	return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/** HubSpot matches emails case-insensitively; lower case keeps our own comparisons the same. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}
