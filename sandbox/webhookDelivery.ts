/**
 * Contact-creation webhook deliveries. Events are collected for a short batch window, then POSTed as
 * a JSON array (at most 100 events per request) with v1 and v3 signatures. A non-2xx answer, a
 * connection error or no answer within the timeout is retried after each delay in
 * `retryDelaysMs`, with attemptNumber incremented and a fresh signature; every attempt is recorded.
 */
import type { Now } from './clock';
import type { CrmRecord } from './crmRecords';
import type { ChangeSource, DeliveryAttempt } from './deliveryTypes';
import type { SandboxState } from './state';
import { type Poster, createPoster } from './webhookPost';
import { signedHeaders } from './webhookSignature';
import {
	CONTACT_OBJECT_TYPE_ID,
	type DeliveryTarget,
	contactCreationTargets,
} from './webhookTargets';

export const MAX_EVENTS_PER_REQUEST = 100;

export interface WebhookEvent {
	eventId: number;
	subscriptionId: number;
	portalId: number;
	occurredAt: number;
	subscriptionType: string;
	attemptNumber: number;
	objectId: number;
	objectTypeId?: string;
	changeSource: string;
	sourceId?: string;
	changeFlag: 'NEW';
	appId: number;
}

export interface DeliveryOptions {
	retryDelaysMs: number[];
	batchWindowMs: number;
	responseTimeoutMs: number;
}

interface Queue {
	target: DeliveryTarget;
	events: WebhookEvent[];
	timer: NodeJS.Timeout;
}

interface PendingRetry {
	timer: NodeJS.Timeout;
	fire: () => void;
}

export class WebhookDispatcher {
	private readonly queues = new Map<string, Queue>();
	private readonly retries = new Set<PendingRetry>();
	private readonly inFlight = new Set<Promise<void>>();
	private readonly poster: Poster = createPoster();
	/** Bumped on reset so answers to requests sent before it are not recorded afterwards. */
	private generation = 0;
	private readonly state: SandboxState;
	private readonly now: Now;
	private readonly options: DeliveryOptions;
	private readonly log: (line: string) => void;

	constructor(
		state: SandboxState,
		now: Now,
		options: DeliveryOptions,
		log: (line: string) => void,
	) {
		this.state = state;
		this.now = now;
		this.options = options;
		this.log = log;
	}

	contactCreated(record: CrmRecord, changeSource: ChangeSource): void {
		for (const target of contactCreationTargets(this.state)) {
			this.enqueue(target, this.eventFor(target, record, changeSource));
		}
	}

	/** Sends queued events and due-later retries now, then waits for every attempt in flight. */
	async flush(): Promise<void> {
		for (const key of [...this.queues.keys()]) this.sendQueue(key);
		for (const retry of [...this.retries]) {
			clearTimeout(retry.timer);
			this.retries.delete(retry);
			retry.fire();
		}
		await Promise.all([...this.inFlight]);
	}

	/** Sends the last recorded delivery again: same body, fresh timestamp and v3 signature. */
	async redeliverLast(): Promise<DeliveryAttempt | undefined> {
		const last = this.state.deliveries[this.state.deliveries.length - 1];
		if (!last) return undefined;
		const target: DeliveryTarget = {
			kind: last.target,
			url: last.url,
			format: 'legacy',
			subscriptionId: 0,
		};
		return this.track(
			this.attempt(target, last.rawBody, last.attemptNumber, last.eventIds, 'redelivery'),
		);
	}

	reset(): void {
		this.generation++;
		for (const queue of this.queues.values()) clearTimeout(queue.timer);
		this.queues.clear();
		for (const retry of this.retries) clearTimeout(retry.timer);
		this.retries.clear();
	}

	close(): void {
		this.reset();
		this.poster.abortAll();
	}

	private eventFor(
		target: DeliveryTarget,
		record: CrmRecord,
		changeSource: ChangeSource,
	): WebhookEvent {
		const { portal, app } = this.state.fixture;
		const generic = target.format === 'generic';
		return {
			eventId: this.state.nextEventId(),
			subscriptionId: target.subscriptionId,
			portalId: portal.portalId,
			occurredAt: record.createdAt,
			subscriptionType: generic ? 'object.creation' : 'contact.creation',
			attemptNumber: 0,
			objectId: Number(record.id),
			...(generic ? { objectTypeId: CONTACT_OBJECT_TYPE_ID } : {}),
			changeSource,
			...(changeSource === 'CRM_UI' ? { sourceId: `userId:${app.installingUserId}` } : {}),
			changeFlag: 'NEW',
			appId: app.appId,
		};
	}

	private enqueue(target: DeliveryTarget, event: WebhookEvent): void {
		const key = `${target.kind}|${target.url}`;
		const queue = this.queues.get(key);
		if (queue) {
			queue.events.push(event);
			return;
		}
		const timer = setTimeout(() => this.sendQueue(key), this.options.batchWindowMs);
		this.queues.set(key, { target, events: [event], timer });
	}

	private sendQueue(key: string): void {
		const queue = this.queues.get(key);
		if (!queue) return;
		clearTimeout(queue.timer);
		this.queues.delete(key);
		for (let i = 0; i < queue.events.length; i += MAX_EVENTS_PER_REQUEST) {
			this.sendBatch(queue.target, queue.events.slice(i, i + MAX_EVENTS_PER_REQUEST), 0);
		}
	}

	private sendBatch(target: DeliveryTarget, events: WebhookEvent[], attemptNumber: number): void {
		const rawBody = JSON.stringify(events.map((event) => ({ ...event, attemptNumber })));
		const eventIds = events.map((event) => event.eventId);
		const generation = this.generation;
		const kind = attemptNumber === 0 ? 'first' : 'retry';
		void this.track(
			this.attempt(target, rawBody, attemptNumber, eventIds, kind).then((attempt) => {
				if (!attempt || generation !== this.generation || isSuccess(attempt.status)) return attempt;
				this.scheduleRetry(target, events, attemptNumber);
				return attempt;
			}),
		);
	}

	private scheduleRetry(
		target: DeliveryTarget,
		events: WebhookEvent[],
		attemptNumber: number,
	): void {
		const delay = this.options.retryDelaysMs[attemptNumber];
		if (delay === undefined) {
			this.log(
				`webhook: giving up on events ${events.map((e) => e.eventId).join(',')} after attempt ${attemptNumber}`,
			);
			return;
		}
		const retry: PendingRetry = {
			fire: () => this.sendBatch(target, events, attemptNumber + 1),
			timer: setTimeout(() => {
				this.retries.delete(retry);
				retry.fire();
			}, delay),
		};
		this.retries.add(retry);
	}

	private async attempt(
		target: DeliveryTarget,
		rawBody: string,
		attemptNumber: number,
		eventIds: number[],
		kind: DeliveryAttempt['kind'],
	): Promise<DeliveryAttempt | undefined> {
		const generation = this.generation;
		const at = this.now();
		const headers = signedHeaders(this.state.fixture.app.clientSecret, target.url, rawBody, at);
		const outcome = await this.poster.post(
			target.url,
			headers,
			rawBody,
			this.options.responseTimeoutMs,
		);
		if (generation !== this.generation) return undefined;
		const attempt: DeliveryAttempt = {
			url: target.url,
			method: 'POST',
			headers,
			rawBody,
			status: outcome.status,
			...(outcome.error ? { error: outcome.error } : {}),
			attemptNumber,
			eventIds,
			at,
			kind,
			target: target.kind,
		};
		this.state.deliveries.push(attempt);
		this.log(
			`webhook ${kind} #${attemptNumber} → ${target.url}: ${outcome.status ?? outcome.error}`,
		);
		return attempt;
	}

	private track<T>(promise: Promise<T>): Promise<T> {
		const tracked = promise.then(() => undefined);
		this.inFlight.add(tracked);
		void tracked.finally(() => this.inFlight.delete(tracked));
		return promise;
	}
}

function isSuccess(status: number | null): boolean {
	return status !== null && status >= 200 && status < 300;
}
