import { inspect } from 'node:util';

/**
 * Everything the suite saw leave the node or n8n: error messages and descriptions, thrown error
 * objects, output items, log lines. The secrets scan reads it at the end of each test file.
 */
export class CaptureLedger {
	private readonly entries: Array<{ source: string; text: string }> = [];

	add(source: string, value: unknown): void {
		const text =
			typeof value === 'string'
				? value
				: inspect(value, {
						depth: 8,
						breakLength: Infinity,
						maxArrayLength: 500,
						maxStringLength: 200_000,
					});
		this.entries.push({ source, text });
	}

	get size(): number {
		return this.entries.length;
	}

	/** Entries containing any of the secrets, with the secret that was found (never the whole text). */
	leaksOf(secrets: Iterable<string>): Array<{ source: string; secret: string }> {
		const wanted = [...new Set(secrets)].filter((secret) => secret.length >= 6);
		const leaks: Array<{ source: string; secret: string }> = [];
		for (const entry of this.entries) {
			for (const secret of wanted) {
				if (entry.text.includes(secret)) leaks.push({ source: entry.source, secret });
			}
		}
		return leaks;
	}
}
