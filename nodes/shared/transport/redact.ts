/**
 * Errors end up in execution logs, tool results read to callers, and support tickets. HubSpot's own
 * messages do not echo tokens, but a misconfigured proxy or a hostile body might, so everything we
 * show or store passes through here first: the credential's own secrets, and anything shaped like a
 * HubSpot token or key even when we do not know it.
 */
const REDACTED = '[redacted]';

const SECRET_PATTERNS: RegExp[] = [
	// An Authorization header value, whatever the token looks like.
	/\bBearer\s+[^\s"',]+/gi,
	// Service keys and private app tokens: pat-na1-…, pat-eu1-…
	/\bpat-[a-z0-9]+-[\w-]+/gi,
	// OAuth refresh tokens: a hublet prefix and a UUID, na1-0a1b…-…
	/\b[a-z]{2,3}\d-[0-9a-f]{4,}(?:-[0-9a-f]{4,}){3,}\b/gi,
	// Form and query parameters that carry secrets.
	/\b(hapikey|access_token|refresh_token|client_secret|code)=([^&\s"']+)/gi,
	// The same names as JSON keys: "access_token":"…"
	/"(hapikey|access_?token|refresh_?token|client_?secret|developer_?api_?key)"\s*:\s*"[^"]*"/gi,
	// OAuth access tokens and other long opaque values (HubSpot's start with C and run to hundreds of characters).
	/\b[A-Za-z0-9_+/=-]{40,}\b/g,
];

export function redactSecrets(text: string, knownSecrets: string[] = []): string {
	let result = text;
	for (const secret of knownSecrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join(REDACTED);
	}
	for (const pattern of SECRET_PATTERNS) {
		result = result.replace(pattern, (match, name?: string) => {
			if (typeof name !== 'string') return REDACTED;
			return match.startsWith('"') ? `"${name}":"${REDACTED}"` : `${name}=${REDACTED}`;
		});
	}
	return result;
}

const MAX_DEPTH = 8;

/**
 * Redacts every string an error carries, in place: message, description, stack, and every
 * structured field (HubSpot's details, n8n's context, the wrapped cause and its response), so no
 * field of an error this package raises can keep a token. Returns the same error for `throw`.
 */
export function redactError<T extends object>(error: T, knownSecrets: string[] = []): T {
	redactObject(error, knownSecrets, new WeakSet(), 0);
	return error;
}

function redactObject(
	target: object,
	knownSecrets: string[],
	seen: WeakSet<object>,
	depth: number,
): void {
	if (seen.has(target) || depth > MAX_DEPTH) return;
	seen.add(target);
	const keys = new Set<string>(Object.getOwnPropertyNames(target));
	if (target instanceof Error) for (const key of ['message', 'stack', 'description']) keys.add(key);
	for (const key of keys) {
		// The workflow's own node (its parameters) is referenced by every node error, never copied.
		if (key === 'node') continue;
		const descriptor = Object.getOwnPropertyDescriptor(target, key);
		if (descriptor === undefined || !('value' in descriptor) || !descriptor.writable) continue;
		const value: unknown = descriptor.value;
		const redacted = redactValue(value, knownSecrets, seen, depth);
		if (redacted !== value) (target as Record<string, unknown>)[key] = redacted;
	}
}

function redactValue(
	value: unknown,
	knownSecrets: string[],
	seen: WeakSet<object>,
	depth: number,
): unknown {
	if (typeof value === 'string') {
		const redacted = redactSecrets(value, knownSecrets);
		return redacted === value ? value : redacted;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, index) => {
			const redacted = redactValue(entry, knownSecrets, seen, depth + 1);
			if (redacted !== entry) value[index] = redacted;
		});
		return value;
	}
	if (isDataObject(value)) redactObject(value, knownSecrets, seen, depth + 1);
	return value;
}

/**
 * Plain data and errors only: class instances such as sockets, agents or requests are n8n's or
 * Node's machinery, not data an error shows, and are left untouched.
 */
function isDataObject(value: unknown): value is object {
	if (typeof value !== 'object' || value === null) return false;
	if (value instanceof Error) return true;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
