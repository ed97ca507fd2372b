/**
 * Saves the live check's exchanges as contract fixtures with personal data and secrets removed:
 * emails, names and phone numbers of people, the test link's slug and URLs, tokens. What remains
 * is the shape HubSpot answered with, which is what the contract test replays.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { RecordedExchange } from '../../test/contract/checkExchange';

const PERSONAL_KEYS = new Set([
	'email',
	'firstName',
	'lastName',
	'fullName',
	'firstname',
	'lastname',
	'phone',
	'mobilephone',
	'hs_calculated_phone_number',
	'hs_searchable_calculated_phone_number',
	'hs_searchable_calculated_mobile_number',
	'avatar',
	'companyAvatar',
	'logoUrl',
	'access_token',
	'refresh_token',
	'token',
]);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const URL_PATTERN = /https?:\/\/[^\s"]+/g;

export function scrub(value: unknown, secrets: string[]): unknown {
	if (Array.isArray(value)) return value.map((entry) => scrub(entry, secrets));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [
				key,
				PERSONAL_KEYS.has(key) && typeof entry === 'string' && entry !== ''
					? key === 'email'
						? 'person@example.invalid'
						: 'redacted'
					: key === 'guestEmails' && Array.isArray(entry)
						? entry.map(() => 'guest@example.invalid')
						: scrub(entry, secrets),
			]),
		);
	}
	if (typeof value !== 'string') return value;
	let text = value
		.replace(EMAIL, 'person@example.invalid')
		.replace(URL_PATTERN, 'https://example.invalid/redacted');
	for (const secret of secrets) if (secret) text = text.split(secret).join('redacted');
	return text;
}

export function saveFixture(
	directory: string,
	name: string,
	exchanges: Array<RecordedExchange & { step: string }>,
	secrets: string[],
): string {
	mkdirSync(directory, { recursive: true });
	// Paths carry them percent-encoded (an email, a team slug's "/").
	const allSecrets = secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]);
	const file = path.join(directory, `${name}.json`);
	const cleaned = exchanges.map((exchange) => ({
		step: exchange.step,
		method: exchange.method,
		path: scrub(exchange.path, allSecrets) as string,
		query: scrub(exchange.query, allSecrets),
		requestContentType: exchange.requestContentType,
		requestBody: scrub(exchange.requestBody, allSecrets),
		status: exchange.status,
		responseBody: scrub(exchange.responseBody, allSecrets),
	}));
	writeFileSync(
		file,
		`${JSON.stringify({ savedAt: new Date().toISOString(), exchanges: cleaned }, null, '\t')}\n`,
	);
	return file;
}
