'use strict';

/**
 * Writes the importable templates (`workflows/*.json`) from these sources, so the five operations and
 * their spoken answers are defined once for every voice platform.
 *   node workflows/src/build.js          write the JSON files
 *   node workflows/src/build.js --check  exit 1 if a JSON file differs from what the sources give
 */

const fs = require('node:fs');
const path = require('node:path');

const { templates } = require('./templates');

const OUT_DIR = path.join(__dirname, '..');

function render(workflow) {
	return `${JSON.stringify(workflow, null, '\t')}\n`;
}

function main() {
	const check = process.argv.includes('--check');
	const stale = [];
	for (const { file, build } of templates) {
		const target = path.join(OUT_DIR, file);
		const text = render(build());
		if (check) {
			if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) stale.push(file);
		} else {
			fs.writeFileSync(target, text);
			console.log(`wrote workflows/${file}`);
		}
	}
	if (stale.length > 0) {
		console.error(`out of date (run node workflows/src/build.js): ${stale.join(', ')}`);
		process.exitCode = 1;
	}
}

if (require.main === module) main();

module.exports = { render };
