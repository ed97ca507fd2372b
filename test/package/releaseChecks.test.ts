/**
 * The release gate the publish workflow runs (scripts/release/checkRelease.js) and the publisher
 * fields of package.json (scripts/release/publisher.js).
 */
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { releaseProblems } = require('../../scripts/release/checkRelease') as {
	releaseProblems: (input: {
		tag: string;
		manifest: Record<string, unknown>;
		changelog: string;
		githubRepository?: string;
	}) => string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { publisherFields, publisherProblems } = require('../../scripts/release/publisher') as {
	publisherFields: (slug: string, author: string) => Record<string, unknown>;
	publisherProblems: (manifest: Record<string, unknown>) => string[];
};

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
	string,
	unknown
>;

const released = (version: string, extra: Record<string, unknown> = {}) => ({
	name: 'n8n-nodes-hubspot-scheduling',
	version,
	...publisherFields('acme/n8n-nodes-hubspot-scheduling', 'Acme Integrations <nodes@acme.test>'),
	...extra,
});
const CHANGELOG =
	'# Changelog\n\n## Unreleased\n\n## 0.2.0 (2027-01-10)\n\n- Book: a fix.\n\n## 0.1.0\n\n- First.\n';

test('a tag equal to the version, with a CHANGELOG section, from the named repository, may be released', () => {
	expect(
		releaseProblems({
			tag: '0.2.0',
			manifest: released('0.2.0'),
			changelog: CHANGELOG,
			githubRepository: 'acme/n8n-nodes-hubspot-scheduling',
		}),
	).toEqual([]);
});

test('a tag that is not the version is refused, including a v-prefixed one', () => {
	for (const tag of ['0.2.1', 'v0.2.0']) {
		const problems = releaseProblems({ tag, manifest: released('0.2.0'), changelog: CHANGELOG });
		expect(problems).toEqual([
			expect.stringContaining(`tag "${tag}" is not package.json's version "0.2.0"`),
		]);
	}
});

test('a version without a CHANGELOG section, or with an empty one, is refused', () => {
	expect(
		releaseProblems({ tag: '0.3.0', manifest: released('0.3.0'), changelog: CHANGELOG }),
	).toEqual([expect.stringContaining('CHANGELOG.md has no "## 0.3.0" section')]);
	const empty = '# Changelog\n\n## 0.3.0\n\nNothing yet.\n\n## 0.2.0\n\n- A fix.\n';
	expect(releaseProblems({ tag: '0.3.0', manifest: released('0.3.0'), changelog: empty })).toEqual([
		expect.stringContaining('section lists no changes'),
	]);
	// "Unreleased (0.3.0)" is not a release section yet.
	const unreleased = '# Changelog\n\n## Unreleased (0.3.0)\n\n- A fix.\n';
	expect(
		releaseProblems({ tag: '0.3.0', manifest: released('0.3.0'), changelog: unreleased }),
	).toHaveLength(1);
});

test('in GitHub Actions, a repository other than package.json names is refused (npm would reject the provenance)', () => {
	expect(
		releaseProblems({
			tag: '0.2.0',
			manifest: released('0.2.0'),
			changelog: CHANGELOG,
			githubRepository: 'someone-else/fork',
		}),
	).toEqual([expect.stringContaining('runs in "someone-else/fork"')]);
});

test('publisher fields that disagree with the repository are refused', () => {
	const problems = publisherProblems(
		released('0.2.0', {
			homepage: 'https://github.com/other/repo#readme',
			bugs: { url: 'https://github.com/other/repo/issues' },
			author: { name: 'Acme' },
		}),
	);
	expect(problems).toEqual([
		expect.stringContaining(
			'homepage should be https://github.com/acme/n8n-nodes-hubspot-scheduling#readme',
		),
		expect.stringContaining(
			'bugs.url should be https://github.com/acme/n8n-nodes-hubspot-scheduling/issues',
		),
		expect.stringContaining('author.name and author.email'),
	]);
	expect(publisherProblems({ repository: { url: 'https://gitlab.com/a/b' } })).toEqual([
		expect.stringContaining('must be git+https://github.com/<owner>/<name>.git'),
	]);
});

test("this package.json's repository, homepage, bugs and author agree", () => {
	expect(publisherProblems(manifest)).toEqual([]);
});

test('setPublisher writes all four fields from owner/name and "Name <email>"', () => {
	expect(publisherFields('acme/nodes', 'Jane Doe <jane@acme.test>')).toEqual({
		homepage: 'https://github.com/acme/nodes#readme',
		bugs: { url: 'https://github.com/acme/nodes/issues' },
		repository: { type: 'git', url: 'git+https://github.com/acme/nodes.git' },
		author: { name: 'Jane Doe', email: 'jane@acme.test' },
	});
	expect(() => publisherFields('acme', 'Jane <jane@acme.test>')).toThrow('owner/name');
	expect(() => publisherFields('acme/nodes', 'Jane')).toThrow('Jane Doe <jane@example.com>');
});

test("the CHANGELOG's newest release section, if any, is for a version no newer than package.json's", () => {
	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	expect(changelog).toMatch(/^## Unreleased/m);
	const released = [...changelog.matchAll(/^## \[?(\d+\.\d+\.\d+)\]?/gm)].map((match) => match[1]);
	if (released.length > 0) {
		const newest = released[0].split('.').map(Number);
		const current = String(manifest.version).split('.').map(Number);
		const compare = newest.findIndex((part, index) => part !== current[index]);
		expect(compare === -1 || newest[compare] < current[compare]).toBe(true);
	}
});
