'use strict';

const { N8N_VERSION } = require('./n8nInstall');

/** n8n 1.x refuses to start when N8N_DISABLED_MODULES names a module it does not have. */
const IS_N8N_1 = N8N_VERSION.startsWith('1.');

/** Fixed so that credentials imported in decrypted form are readable by every later run on the same folder. */
const ENCRYPTION_KEY = 'n8n-nodes-hubspot-scheduling-local-key';

/** Inherited variables that would change how n8n behaves (jest sets NODE_ENV=test, which n8n special-cases). */
function isInheritedN8nSetting(name) {
	return (
		name.startsWith('N8N_') ||
		name.startsWith('DB_') ||
		name === 'NODE_ENV' ||
		name === 'WEBHOOK_URL' ||
		name === 'GENERIC_TIMEZONE'
	);
}

/**
 * Environment for a headless, offline n8n 2.41.1 or 1.123.x (reference n8n.md §13.3): own data folder,
 * SQLite, loopback only, no telemetry / update / template calls, task broker on its own port,
 * production mode.
 * @param {{ userFolder: string, port?: number, brokerPort: number, env?: Record<string, string> }} options
 */
function n8nEnv({ userFolder, port, brokerPort, env = {} }) {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !isInheritedN8nSetting(name)),
	);
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		...(port === undefined ? {} : { N8N_PORT: String(port) }),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		...(IS_N8N_1 ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SKIP_AUTH_ON_OAUTH_CALLBACK: 'true',
		N8N_LOG_LEVEL: 'info',
		GENERIC_TIMEZONE: 'UTC',
		// As a self-hoster runs it: without NODE_ENV=production n8n counts as "in development" and
		// sends the error stack to whoever called a webhook, authenticated or not.
		NODE_ENV: 'production',
		...env,
	};
}

module.exports = { n8nEnv, ENCRYPTION_KEY };
