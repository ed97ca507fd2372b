/**
 * Errors end up in execution logs, tool results read to callers, and support tickets. HubSpot's own
 * messages do not echo tokens, but a misconfigured proxy or an odd body might, so everything we show
 * passes through here first.
 */
const SECRET_PATTERNS: RegExp[] = [
	/\bBearer\s+[^\s"',]+/gi,
	/\bpat-[a-z0-9]+-[\w-]+/gi,
	/\b(hapikey|access_token|refresh_token|client_secret|code)=([^&\s"']+)/gi,
	/\b[A-Za-z0-9_+/=-]{40,}\b/g,
];

export function redactSecrets(text: string, knownSecrets: string[] = []): string {
	let result = text;
	for (const secret of knownSecrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	for (const pattern of SECRET_PATTERNS) {
		result = result.replace(pattern, (match, name?: string) =>
			typeof name === 'string' && match.includes('=') ? `${name}=[redacted]` : '[redacted]',
		);
	}
	return result;
}
