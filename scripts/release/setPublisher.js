#!/usr/bin/env node
'use strict';
/**
 * Sets package.json's publisher fields in one go, before the first publish:
 *   node scripts/release/setPublisher.js <owner>/<repository> "<Name> <email>"
 * `repository`, `homepage` and `bugs` name the GitHub repository the publish workflow runs in (npm
 * checks the provenance statement against `repository`); `author` is who answers for the package.
 */
const fs = require('node:fs');
const path = require('node:path');

const { publisherFields } = require('./publisher');

const MANIFEST = path.resolve(__dirname, '..', '..', 'package.json');

function main() {
	const [slug, author] = process.argv.slice(2);
	if (!slug || !author) {
		process.stderr.write(
			'Usage: node scripts/release/setPublisher.js <owner>/<repository> "<Name> <email>"\n',
		);
		process.exit(2);
	}
	const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
	Object.assign(manifest, publisherFields(slug, author));
	fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
	process.stdout.write(`package.json now names github.com/${slug} and ${author}; commit it.\n`);
}

main();
