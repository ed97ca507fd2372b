/** Validates a parsed JSON body against a zod schema and answers HubSpot's 400 when it does not fit. */
import type { z } from 'zod';
import { validationError } from './errors';

export function parseBodyWith<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> {
	const parsed = schema.safeParse(body ?? {});
	if (parsed.success) return parsed.data as z.output<T>;
	const issue = parsed.error.issues[0];
	const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
	throw validationError(`Invalid input JSON: ${where}: ${issue?.message ?? 'invalid value'}`);
}

export function assertBatchSize(count: number, max: number): void {
	if (count > max)
		throw validationError(
			`Too many inputs: ${count}. A batch request takes at most ${max} inputs.`,
		);
}
