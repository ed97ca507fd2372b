'use strict';

const os = require('node:os');
const path = require('node:path');

const PROJECT_CACHE_NAME = 'n8n-nodes-hubspot-scheduling';

/** `$XDG_CACHE_HOME/n8n-nodes-hubspot-scheduling` (default `~/.cache/...`): shared by Node 24 and the n8n install. */
function projectCacheDir() {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, PROJECT_CACHE_NAME);
}

module.exports = { projectCacheDir };
