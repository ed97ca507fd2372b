import path from 'node:path';

import { prepareEngineRuntime } from '../../harness/runtime';
import type { CaptureLedger } from './ledger';

type LogMethod = 'error' | 'warn' | 'info' | 'debug';
type LoggerLike = Record<LogMethod, (message: string, metadata?: unknown) => void>;
interface DiModule {
	Container: { get(token: unknown): unknown };
}
interface BackendCommonModule {
	Logger: unknown;
}

/** n8n-core keeps its own copies of @n8n/di and @n8n/backend-common; the logger lives in those. */
async function importFromN8nCore<T>(id: string): Promise<T> {
	const coreDir = path.resolve(path.dirname(require.resolve('n8n-core')), '..');
	const resolved: T = await import(require.resolve(id, { paths: [coreDir] }));
	return resolved;
}

/**
 * Sends every line n8n's logger receives (node contexts' this.logger, n8n's own error logging) to
 * the ledger, whatever the log level. Returns the undo.
 */
export async function captureN8nLogs(ledger: CaptureLedger): Promise<() => void> {
	await prepareEngineRuntime();
	const { Container } = await importFromN8nCore<DiModule>('@n8n/di');
	const { Logger } = await importFromN8nCore<BackendCommonModule>('@n8n/backend-common');
	const logger = Container.get(Logger) as LoggerLike;
	const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
		jest.spyOn(logger, level).mockImplementation((message: string, metadata?: unknown) => {
			ledger.add(`n8n log (${level})`, { message, metadata });
		}),
	);
	return () => spies.forEach((spy) => spy.mockRestore());
}
