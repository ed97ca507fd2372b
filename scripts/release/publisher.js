'use strict';
/**
 * The publisher fields of package.json: `repository` is the one place that names the GitHub
 * repository; `homepage` and `bugs` are derived from it, and `author` sits next to them.
 * `setPublisher.js` writes all four; `publisherProblems` says where they disagree.
 */

const GITHUB_URL = /^git\+https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)\.git$/;
const AUTHOR = /^(.+?)\s*<([^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)>$/;

/** `owner/name` from package.json's `repository.url`, or undefined when it is not a GitHub URL. */
function repositorySlug(manifest) {
	const match = GITHUB_URL.exec(manifest.repository?.url ?? '');
	return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The four fields for a GitHub repository `owner/name` and an author `Name <email>`. */
function publisherFields(slug, author) {
	if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(slug))
		throw new Error(`Repository must be GitHub's owner/name, not "${slug}"`);
	const match = AUTHOR.exec(author.trim());
	if (!match)
		throw new Error(`Author must look like "Jane Doe <jane@example.com>", not "${author}"`);
	return {
		homepage: `https://github.com/${slug}#readme`,
		bugs: { url: `https://github.com/${slug}/issues` },
		repository: { type: 'git', url: `git+https://github.com/${slug}.git` },
		author: { name: match[1], email: match[2] },
	};
}

/** Where `homepage`, `bugs` and `author` disagree with `repository` (empty when consistent). */
function publisherProblems(manifest) {
	const slug = repositorySlug(manifest);
	if (!slug)
		return [
			`package.json's repository.url must be git+https://github.com/<owner>/<name>.git, not "${manifest.repository?.url}"`,
		];
	const expected = publisherFields(slug, 'x <x@x.x>');
	const problems = [];
	if (manifest.homepage !== expected.homepage)
		problems.push(`package.json's homepage should be ${expected.homepage}`);
	if (manifest.bugs?.url !== expected.bugs.url)
		problems.push(`package.json's bugs.url should be ${expected.bugs.url}`);
	const { name, email } = manifest.author ?? {};
	if (!name || !email || !AUTHOR.test(`${name} <${email}>`))
		problems.push('package.json needs author.name and author.email');
	return problems;
}

module.exports = { repositorySlug, publisherFields, publisherProblems };
