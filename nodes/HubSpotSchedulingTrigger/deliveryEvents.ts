import { z } from 'zod';

import { CANONICAL_RECORD_ID } from '../shared/domain/hubspotIds';
import { fail, ok } from '../shared/domain/result';
import type { Result } from '../shared/domain/result';

/**
 * HubSpot POSTs a JSON array of events. Two formats announce a new contact: the legacy
 * `contact.creation` and the generic `object.creation` with the contact object type (0-1).
 * Everything else in the same delivery is ignored, never an error: one app may subscribe to more.
 */

const CONTACT_OBJECT_TYPE_ID = '0-1';
const LEGACY_CONTACT_CREATION = 'contact.creation';
const GENERIC_OBJECT_CREATION = 'object.creation';

/**
 * HubSpot ids are positive integers. A JSON number must be a safe integer (1e400 parses as Infinity,
 * 1.5 or 2**60 are not ids); a string must be digits only. Anything else drops the event.
 */
const idValue = z
	.union([
		z.number().int().positive().refine(Number.isSafeInteger, 'not a safe integer'),
		z.string().regex(CANONICAL_RECORD_ID, 'not a positive whole number'),
	])
	.transform(String);

const deliveryEventSchema = z
	.object({
		eventId: idValue,
		subscriptionId: idValue.optional(),
		portalId: idValue.optional(),
		appId: idValue.optional(),
		occurredAt: z.number().finite(),
		// Deliveries say subscriptionType; HubSpot's older docs call the same key eventType.
		subscriptionType: z.string().optional(),
		eventType: z.string().optional(),
		attemptNumber: z.number().int().nonnegative().optional(),
		objectId: idValue.optional(),
		objectTypeId: z.string().optional(),
		objectType: z.string().optional(),
		changeSource: z.string().optional(),
		changeFlag: z.string().optional(),
	})
	.passthrough();

type DeliveryEvent = z.infer<typeof deliveryEventSchema>;

export interface ContactCreatedEvent {
	eventId: string;
	subscriptionId?: string;
	portalId?: string;
	appId?: string;
	contactId: string;
	occurredAtMs: number;
	subscriptionType: string;
	attemptNumber: number;
	changeSource?: string;
}

export interface ParsedDelivery {
	contactCreations: ContactCreatedEvent[];
	/** Events of other types (or malformed entries) that this trigger does not start a flow for. */
	ignored: number;
	/** Contact creations dropped because an id is not a HubSpot id; the trigger logs each one. */
	dropped: DroppedEvent[];
}

export interface DroppedEvent {
	/** Position in the delivered array, from 0. */
	index: number;
	reason: string;
}

/** Parses the exact bytes HubSpot signed; the parsed body n8n offers may differ in content type handling. */
export function parseDelivery(rawBody: Buffer): Result<ParsedDelivery> {
	const body = parseJson(rawBody.toString('utf8'));
	if (!Array.isArray(body)) {
		return fail('The request body is not a JSON array. HubSpot sends a JSON array of events.');
	}
	const contactCreations: ContactCreatedEvent[] = [];
	const dropped: DroppedEvent[] = [];
	body.forEach((entry, index) => {
		const parsed = deliveryEventSchema.safeParse(entry);
		if (parsed.success) {
			const event = toContactCreation(parsed.data);
			if (event) contactCreations.push(event);
			return;
		}
		const badIds = parsed.error.issues
			.map((issue) => String(issue.path[0]))
			.filter((key) => ID_KEYS.has(key));
		if (badIds.length > 0 && announcesContactCreation(entry)) {
			dropped.push({ index, reason: `${[...new Set(badIds)].join(', ')} is not a HubSpot id` });
		}
	});
	return ok({ contactCreations, ignored: body.length - contactCreations.length, dropped });
}

const ID_KEYS = new Set(['eventId', 'subscriptionId', 'portalId', 'appId', 'objectId']);

/** Whether an entry that failed to parse was meant as a contact creation (so its drop is worth a log line). */
function announcesContactCreation(entry: unknown): boolean {
	if (typeof entry !== 'object' || entry === null) return false;
	const { subscriptionType, eventType } = entry as Record<string, unknown>;
	const type = subscriptionType ?? eventType;
	return type === LEGACY_CONTACT_CREATION || type === GENERIC_OBJECT_CREATION;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function toContactCreation(event: DeliveryEvent): ContactCreatedEvent | undefined {
	const type = event.subscriptionType ?? event.eventType;
	if (type === undefined || event.objectId === undefined) return undefined;
	if (
		type !== LEGACY_CONTACT_CREATION &&
		!(type === GENERIC_OBJECT_CREATION && isContactObject(event))
	) {
		return undefined;
	}
	return {
		eventId: event.eventId,
		subscriptionId: event.subscriptionId,
		portalId: event.portalId,
		appId: event.appId,
		contactId: event.objectId,
		occurredAtMs: event.occurredAt,
		subscriptionType: type,
		attemptNumber: event.attemptNumber ?? 0,
		changeSource: event.changeSource,
	};
}

function isContactObject(event: DeliveryEvent): boolean {
	if (event.objectTypeId !== undefined) return event.objectTypeId === CONTACT_OBJECT_TYPE_ID;
	const name = event.objectType?.toLowerCase();
	return name === 'contact' || name === 'contacts';
}

/**
 * The keys under which an event counts as "already seen". HubSpot says eventId alone is not
 * guaranteed unique, and one app can serve many portals, so the portal and subscription scope it.
 * The contact key catches the same creation announced twice (legacy and generic subscriptions at once).
 */
export function eventKey(
	event: Pick<ContactCreatedEvent, 'portalId' | 'subscriptionId' | 'eventId'>,
): string {
	return `${event.portalId ?? '?'}:${event.subscriptionId ?? '?'}:${event.eventId}`;
}

export function contactKey(event: Pick<ContactCreatedEvent, 'portalId' | 'contactId'>): string {
	return `${event.portalId ?? '?'}:contact:${event.contactId}`;
}
