import { tmpdir } from 'node:os';
import path from 'node:path';

import { ExpressionEvaluator, IsolatedVmBridge } from '@n8n/expression-runtime';
import { InstanceSettings } from 'n8n-core';
import { Expression, LoggerProxy } from 'n8n-workflow';
import { expressionSandboxHooks } from 'n8n-workflow/dist/cjs/expression-sandboxing.js';

type DiModule = typeof import('@n8n/di');
type InstanceSettingsConfigShape = ConstructorParameters<typeof InstanceSettings>[0];
type N8nCoreLogger = ConstructorParameters<typeof InstanceSettings>[1];
interface GlobalConfigShape {
	logging: { level: string };
}
/** The parts of n8n-core's own `@n8n/backend-common` and `@n8n/config` copies the harness touches. */
interface BackendCommonModule {
	Logger: new (
		globalConfig: GlobalConfigShape,
		instanceSettingsConfig: InstanceSettingsConfigShape,
	) => N8nCoreLogger;
}
interface ConfigModule {
	GlobalConfig: new () => GlobalConfigShape;
	InstanceSettingsConfig: new () => InstanceSettingsConfigShape;
}

let prepared: Promise<void> | undefined;

/**
 * n8n-core ships its own copies of `@n8n/di` and `@n8n/backend-common` (newer than the top-level
 * ones), and DI containers are per module copy, so they must be loaded from n8n-core's directory.
 * `import()` (not `createRequire`) keeps jest's module registry, hence the same copies n8n-core got.
 */
async function importFromN8nCore<T>(id: string): Promise<T> {
	const coreDir = path.resolve(path.dirname(require.resolve('n8n-core')), '..');
	const resolved: T = await import(require.resolve(id, { paths: [coreDir] }));
	return resolved;
}

/**
 * The logger is replaced first so that everything resolved later (loaders, error reporter) gets it.
 * Every node execution context asks the DI container for `InstanceSettings`, which by default
 * creates `~/.n8n/config` with a fresh encryption key. Point it at a fixed folder under the OS temp
 * dir instead: the key is fixed too, so runs and parallel jest workers can share the one file.
 */
async function useHarnessLoggerAndInstanceSettings(): Promise<void> {
	const { Container } = await importFromN8nCore<DiModule>('@n8n/di');
	const { Logger } = await importFromN8nCore<BackendCommonModule>('@n8n/backend-common');
	const { GlobalConfig, InstanceSettingsConfig } =
		await importFromN8nCore<ConfigModule>('@n8n/config');
	const globalConfig = Container.get(GlobalConfig);
	// n8n logs every node error with its stack; in tests that is noise unless asked for via n8n's own variable.
	if (process.env.N8N_LOG_LEVEL === undefined) globalConfig.logging.level = 'silent';
	const logger = new Logger(globalConfig, Container.get(InstanceSettingsConfig));
	Container.set(Logger, logger);

	const userHome = path.join(tmpdir(), 'n8n-engine-harness');
	const config = {
		enforceSettingsFilePermissions: false,
		encryptionKey: 'engine-harness-encryption-key',
		userHome,
		n8nFolder: path.join(userHome, '.n8n'),
	};
	Container.set(InstanceSettings, new InstanceSettings(config, logger));
}

/**
 * n8n 2.41 evaluates expressions in isolated-vm by default (`N8N_EXPRESSION_ENGINE=vm`), so the
 * harness does too. This is what `Expression.initExpressionEngine` builds with n8n's defaults; it is
 * wired by hand because that method loads the runtime with a native `import()`, which jest refuses
 * without `--experimental-vm-modules`.
 */
async function useIsolatedVmExpressions(): Promise<void> {
	const evaluator = new ExpressionEvaluator({
		createBridge: () =>
			new IsolatedVmBridge({ timeout: 5000, memoryLimit: 128, logger: LoggerProxy }),
		maxCodeCacheSize: 1024,
		poolSize: 1,
		hooks: expressionSandboxHooks,
		logger: LoggerProxy,
	});
	await evaluator.initialize();
	Reflect.set(Expression, 'vmEvaluator', evaluator);
	Expression.setExpressionEngine('vm');
}

/** One-time process set-up n8n-core expects before it executes anything; safe to call repeatedly. */
export async function prepareEngineRuntime(): Promise<void> {
	prepared ??= Promise.all([
		useHarnessLoggerAndInstanceSettings(),
		useIsolatedVmExpressions(),
	]).then(() => undefined);
	await prepared;
}

/** Frees the expression isolates; call it from `afterAll` in suites that ran workflows. */
export async function closeEngineRuntime(): Promise<void> {
	if (prepared === undefined) return;
	await prepared;
	prepared = undefined;
	await Expression.disposeExpressionEngine();
}
