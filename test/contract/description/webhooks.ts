import { z } from 'zod';

import { type Deviation, isoDateTime } from './common';

/** Webhooks management 2026-09 (`Webhooks/Webhooks/Rollouts/147891/2026-09/webhooks.json`). */

const throttling = z.object({ maxConcurrentRequests: z.number().int().min(5) }).strict();

/** `SettingsChangeRequest` (targetUrl and throttling required). */
export const settingsRequest = z.object({ targetUrl: z.string().url(), throttling }).strict();

export const settingsResponse = z
	.object({
		targetUrl: z.string(),
		throttling,
		createdAt: isoDateTime,
		updatedAt: isoDateTime.optional(),
	})
	.strict();

const eventType = z.enum([
	'company.associationChange',
	'company.creation',
	'company.deletion',
	'company.merge',
	'company.propertyChange',
	'company.restore',
	'contact.associationChange',
	'contact.creation',
	'contact.deletion',
	'contact.merge',
	'contact.privacyDeletion',
	'contact.propertyChange',
	'contact.restore',
	'conversation.creation',
	'conversation.deletion',
	'conversation.newMessage',
	'conversation.privacyDeletion',
	'conversation.propertyChange',
	'deal.associationChange',
	'deal.creation',
	'deal.deletion',
	'deal.merge',
	'deal.propertyChange',
	'deal.restore',
	'event.completed',
	'line_item.associationChange',
	'line_item.creation',
	'line_item.deletion',
	'line_item.merge',
	'line_item.propertyChange',
	'line_item.restore',
	'object.associationChange',
	'object.creation',
	'object.deletion',
	'object.merge',
	'object.propertyChange',
	'object.restore',
	'product.creation',
	'product.deletion',
	'product.merge',
	'product.propertyChange',
	'product.restore',
	'ticket.associationChange',
	'ticket.creation',
	'ticket.deletion',
	'ticket.merge',
	'ticket.propertyChange',
	'ticket.restore',
]);

/** `SubscriptionCreateRequest`. */
export const subscriptionCreateRequest = z
	.object({
		eventType,
		active: z.boolean(),
		propertyName: z.string().optional(),
		objectTypeId: z.string().optional(),
		eventTypeName: z.string().optional(),
	})
	.strict();

/** `SubscriptionPatchRequest`. */
export const subscriptionPatchRequest = z.object({ active: z.boolean().optional() }).strict();

export const subscriptionResponse = z
	.object({
		id: z.string(),
		eventType,
		active: z.boolean(),
		createdAt: isoDateTime,
		updatedAt: isoDateTime.optional(),
		propertyName: z.string().optional(),
		objectTypeId: z.string().optional(),
		eventTypeName: z.string().optional(),
	})
	.strict();

export const subscriptionList = z.object({ results: z.array(subscriptionResponse) }).strict();

/** The spec's only security scheme here is `developer_hapikey`: the developer API key in `hapikey`. */
export const hapikeyQuery = z.object({ hapikey: z.string().min(1).optional() }).strict();

export const webhooksDeviations: Deviation[] = [];
