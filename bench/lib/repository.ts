import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root, whether this runs from bench/ (ts) or build/bench/ (compiled). */
export function repositoryRoot(): string {
	for (
		let directory = __dirname;
		directory !== path.dirname(directory);
		directory = path.dirname(directory)
	) {
		const manifest = path.join(directory, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
				'n8n-nodes-hubspot-scheduling'
		) {
			return directory;
		}
	}
	throw new Error('bench: cannot find the repository root');
}
