/**
 * scripts/scan-package.mjs runs n8n's scanner analysis (@n8n/scan-community-package's ESLint config
 * on the source and on the packed tarball) offline. The passing run on this package is a step of
 * `node index.js test`; these tests show the script is not a no-op: planted findings in either leg
 * fail it, with the rule named.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};

let work: string;

beforeEach(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-test-'));
});

afterEach(() => {
	fs.rmSync(work, { recursive: true, force: true });
});

function write(file: string, content: string) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, content);
}

/** A source tree and a tarball with the package's own package.json and one node file each. */
function fixture({ sourceNode, distNode }: { sourceNode: string; distNode: string }) {
	const packageJson = JSON.stringify(
		{
			...manifest,
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				credentials: [],
				nodes: ['dist/nodes/Demo/Demo.node.js'],
			},
		},
		null,
		2,
	);
	const source = path.join(work, 'source');
	write(path.join(source, 'package.json'), packageJson);
	write(path.join(source, 'nodes', 'Demo', 'Demo.node.ts'), sourceNode);
	const packed = path.join(work, 'packed', 'package');
	write(path.join(packed, 'package.json'), packageJson);
	write(path.join(packed, 'dist', 'nodes', 'Demo', 'Demo.node.js'), distNode);
	const tarball = path.join(work, 'demo.tgz');
	execFileSync('tar', ['-czf', tarball, '-C', path.join(work, 'packed'), 'package']);
	return { source, tarball };
}

function scan(source: string, tarball: string) {
	return spawnSync(
		process.execPath,
		[path.join(ROOT, 'scripts', 'scan-package.mjs'), '--source', source, '--tarball', tarball],
		{ cwd: ROOT, encoding: 'utf8' },
	);
}

const CLEAN_JS = "'use strict';\nexports.answer = function answer() {\n\treturn 42;\n};\n";

test('a console call in a node source fails the source leg (no-console), even behind eslint-disable', () => {
	const { source, tarball } = fixture({
		sourceNode:
			'// eslint-disable-next-line no-console\nconsole.log("debug");\nexport const x = 1;\n',
		distNode: CLEAN_JS,
	});
	const result = scan(source, tarball);
	expect(result.status).toBe(1);
	expect(result.stderr).toMatch(/scan: source: \d+ finding/);
	expect(result.stderr).toContain('no-console');
	expect(result.stdout).toMatch(/scan: tarball demo\.tgz: \d+ files, no findings/);
}, 120_000);

test('restricted code in the packed JavaScript fails the tarball leg', () => {
	const { source, tarball } = fixture({
		sourceNode: 'export const x = 1;\n',
		distNode:
			"'use strict';\nconst cp = require('child_process');\nexports.run = () => cp.execSync('id');\n",
	});
	const result = scan(source, tarball);
	expect(result.status).toBe(1);
	expect(result.stderr).toMatch(/scan: tarball demo\.tgz: \d+ finding/);
	expect(result.stderr).toContain('@n8n/community-nodes/no-restricted-imports');
}, 120_000);
