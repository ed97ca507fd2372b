/**
 * Fault injection: rules that make matching HubSpot API requests fail, stall or vanish. By default a
 * fault answers before the request is acted on; `applyEffect: true` performs the real work first and
 * then answers with the fault (a response lost after HubSpot acted), which is how tests prove a
 * client does not book twice.
 */
import { z } from 'zod';
import type { RateLimitPolicy } from './rateLimit';

export type FaultAction =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { kind: 'rate-limit'; policyName: RateLimitPolicy }
	| { kind: 'drop' }
	| { kind: 'delay'; ms: number }
	| { kind: 'expire-token' };

export interface FaultRule {
	method?: string;
	/** Prefix of the raw (still encoded) request path. */
	path?: string;
	pathRegex?: string | RegExp;
	/** How many matching requests fail (default 1). */
	times?: number;
	/** Let the first N matching requests through untouched. */
	after?: number;
	action: FaultAction;
	applyEffect?: boolean;
}

export interface ActiveFault {
	id: string;
	rule: FaultRule;
	/** Matching requests seen so far. */
	seen: number;
	/** Times this rule fired. */
	fired: number;
}

const actionSchema = z.union([
	z.object({
		kind: z.literal('rate-limit'),
		policyName: z.enum(['TEN_SECONDLY_ROLLING', 'SECONDLY', 'DAILY']),
	}),
	z.object({ kind: z.literal('drop') }),
	z.object({ kind: z.literal('delay'), ms: z.number().int().min(0) }),
	z.object({ kind: z.literal('expire-token') }),
	z.object({
		status: z.number().int().min(100).max(599),
		body: z.unknown().optional(),
		headers: z.record(z.string(), z.string()).optional(),
	}),
]);

export const faultRuleSchema = z.object({
	method: z.string().optional(),
	path: z.string().optional(),
	pathRegex: z.string().optional(),
	times: z.number().int().positive().optional(),
	after: z.number().int().min(0).optional(),
	action: actionSchema,
	applyEffect: z.boolean().optional(),
});

export class FaultInjector {
	private faults: ActiveFault[] = [];
	private nextId = 1;

	add(rule: FaultRule): string {
		const id = `fault-${this.nextId++}`;
		this.faults.push({ id, rule, seen: 0, fired: 0 });
		return id;
	}

	remove(id: string): boolean {
		const before = this.faults.length;
		this.faults = this.faults.filter((fault) => fault.id !== id);
		return this.faults.length < before;
	}

	clear(): void {
		this.faults = [];
	}

	list(): ActiveFault[] {
		return this.faults.map((fault) => ({ ...fault }));
	}

	/** Counts the request against every matching rule and returns the first rule that fires. */
	take(method: string, rawPath: string): FaultRule | undefined {
		let firing: FaultRule | undefined;
		for (const fault of this.faults) {
			if (!matches(fault.rule, method, rawPath)) continue;
			fault.seen++;
			const eligible =
				fault.seen > (fault.rule.after ?? 0) && fault.fired < (fault.rule.times ?? 1);
			if (eligible && !firing) {
				fault.fired++;
				firing = fault.rule;
			}
		}
		return firing;
	}
}

function matches(rule: FaultRule, method: string, rawPath: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.path !== undefined && !rawPath.startsWith(rule.path)) return false;
	if (rule.pathRegex !== undefined) {
		const regex = typeof rule.pathRegex === 'string' ? new RegExp(rule.pathRegex) : rule.pathRegex;
		if (!regex.test(rawPath)) return false;
	}
	return true;
}
