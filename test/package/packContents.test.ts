/**
 * What `npm pack` puts in the tarball n8n installs: the compiled nodes, credentials and icons, the
 * README, CHANGELOG and licence, and nothing else (no sources, tests, sandbox, tooling or secrets).
 * Builds first when dist/ is missing, so it also runs on its own (`npx jest test/package`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};

interface PackEntry {
	path: string;
	size: number;
}

let files: string[];

beforeAll(() => {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
	}
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [packed] = JSON.parse(output) as Array<{
		name: string;
		version: string;
		files: PackEntry[];
	}>;
	expect(packed.name).toBe(manifest.name);
	expect(packed.version).toBe(manifest.version);
	files = packed.files.map((entry) => entry.path).sort();
}, 300_000);

/** Package sources `dir/**\/*.ts` (tests excluded) mapped to the compiled file n8n loads. */
function compiledSources(dir: string): string[] {
	const compiled: string[] = [];
	const walk = (relative: string) => {
		for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
			const child = path.posix.join(relative, entry.name);
			if (entry.isDirectory()) walk(child);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
				compiled.push(`dist/${child.replace(/\.ts$/, '.js')}`);
		}
	};
	walk(dir);
	return compiled;
}

test('holds only the top-level documents and dist/nodes, dist/credentials, dist/icons', () => {
	const topLevel = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];
	const outside = files.filter(
		(file) => !topLevel.includes(file) && !/^dist\/(nodes|credentials|icons)\//.test(file),
	);
	expect(outside).toEqual([]);
	for (const file of topLevel) expect(files).toContain(file);
});

test('every node and credential package.json registers is in it, with its type declarations', () => {
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		expect(files).toContain(file);
		expect(files).toContain(file.replace(/\.js$/, '.d.ts'));
	}
});

test('every source file under nodes/ and credentials/ ships compiled, and no TypeScript source ships', () => {
	for (const file of [...compiledSources('nodes'), ...compiledSources('credentials')]) {
		expect(files).toContain(file);
	}
	expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
});

test('the icons each node and credential points at ship', () => {
	const svgs = files.filter((file) => file.endsWith('.svg'));
	expect(svgs.length).toBeGreaterThan(0);
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		const compiled = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const [, icon] of compiled.matchAll(/['"]file:([^'"]+\.svg)['"]/g)) {
			expect(files).toContain(
				path.posix.normalize(path.posix.join(path.posix.dirname(file), icon)),
			);
		}
	}
});

test('no tests, sandbox, tooling, workflows sources, env files or tarballs', () => {
	const forbidden =
		/(^|\/)(test|sandbox|scripts|bench|build|\.github|node_modules)\/|\.env$|\.tgz$|\.test\.js$|\.npmrc$/;
	expect(files.filter((file) => forbidden.test(file))).toEqual([]);
});
