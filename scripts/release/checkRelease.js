#!/usr/bin/env node
'use strict';
/**
 * Release gate, run by .github/workflows/publish.yml before anything is built or published (and
 * runnable locally before tagging): `node scripts/release/checkRelease.js <tag>`.
 * Refuses (exit 1, one line per problem) when
 *  - the tag is not exactly package.json's version (tags are the bare version, `0.2.0`, the
 *    convention of `n8n-node release`);
 *  - CHANGELOG.md has no non-empty `## <version>` section;
 *  - inside GitHub Actions, package.json's `repository.url` is not the repository running the
 *    workflow (npm rejects a provenance statement whose source repository differs from it);
 *  - the publisher fields (repository, homepage, bugs, author) disagree with each other.
 */
const fs = require('node:fs');
const path = require('node:path');

const { publisherProblems, repositorySlug } = require('./publisher');

const ROOT = path.resolve(__dirname, '..', '..');

/** The lines of CHANGELOG.md's `## <version>` section (up to the next `## `), or undefined. */
function changelogSection(changelog, version) {
	const lines = changelog.split('\n');
	const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const heading = new RegExp(`^## \\[?${escaped}\\]?(\\s|$)`);
	const start = lines.findIndex((line) => heading.test(line));
	if (start === -1) return undefined;
	const rest = lines.slice(start + 1);
	const end = rest.findIndex((line) => line.startsWith('## '));
	return end === -1 ? rest : rest.slice(0, end);
}

/**
 * @param {{ tag: string, manifest: Record<string, any>, changelog: string, githubRepository?: string }} input
 * @returns {string[]} problems; empty when the release may go ahead
 */
function releaseProblems({ tag, manifest, changelog, githubRepository }) {
	const problems = [];
	const version = manifest.version;
	if (tag !== version) {
		problems.push(
			`tag "${tag}" is not package.json's version "${version}": tag the bare version (git tag ${version}), or bump package.json first`,
		);
	}
	const section = changelogSection(changelog, version);
	if (section === undefined) {
		problems.push(
			`CHANGELOG.md has no "## ${version}" section: rename the Unreleased heading to "## ${version} (<date>)" before tagging`,
		);
	} else if (!section.some((line) => /^\s*[-*] \S/.test(line))) {
		problems.push(`CHANGELOG.md's "## ${version}" section lists no changes`);
	}
	problems.push(...publisherProblems(manifest));
	if (githubRepository) {
		const slug = repositorySlug(manifest);
		if (slug?.toLowerCase() !== githubRepository.toLowerCase()) {
			problems.push(
				`package.json's repository is "${slug}" but this workflow runs in "${githubRepository}": npm refuses provenance from another repository; run node scripts/release/setPublisher.js ${githubRepository} "<Name> <email>"`,
			);
		}
	}
	return problems;
}

function main() {
	const tag = process.argv[2];
	if (!tag) {
		process.stderr.write('Usage: node scripts/release/checkRelease.js <tag>\n');
		process.exit(2);
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	const problems = releaseProblems({
		tag,
		manifest,
		changelog,
		githubRepository:
			process.env.GITHUB_ACTIONS === 'true' ? process.env.GITHUB_REPOSITORY : undefined,
	});
	if (problems.length > 0) {
		process.stderr.write(
			`Refusing to release ${tag}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
		);
		process.exit(1);
	}
	process.stdout.write(
		`Release ${tag} checks passed (version, CHANGELOG section, publisher fields).\n`,
	);
}

if (require.main === module) main();

module.exports = { releaseProblems, changelogSection };
