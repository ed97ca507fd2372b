import { z } from 'zod';

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

const idValue = z.union([z.string(), z.number()]).transform(String);

const deliveryEventSchema = z
	.object({
		eventId: idValue,
		subscriptionId: idValue.optional(),
		portalId: idValue.optional(),
		appId: idValue.optional(),
		occurredAt: z.number(),
		// Deliveries say subscriptionType; HubSpot's older docs call the same key eventType.
		subscriptionType: z.string().optional(),
		eventType: z.string().optional(),
		attemptNumber: z.number().optional(),
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
}

/** Parses the exact bytes HubSpot signed; the parsed body n8n offers may differ in content type handling. */
export function parseDelivery(rawBody: Buffer): Result<ParsedDelivery> {
	const body = parseJson(rawBody.toString('utf8'));
	if (!Array.isArray(body)) {
		return fail('The request body is not a JSON array. HubSpot sends a JSON array of events.');
	}
	const contactCreations: ContactCreatedEvent[] = [];
	for (const entry of body) {
		const parsed = deliveryEventSchema.safeParse(entry);
		const event = parsed.success ? toContactCreation(parsed.data) : undefined;
		if (event) contactCreations.push(event);
	}
	return ok({ contactCreations, ignored: body.length - contactCreations.length });
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
