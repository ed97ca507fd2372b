import { z } from 'zod';

import { type Deviation, apiError } from './common';
import * as crm from './crm';
import * as oauth from './oauth';
import * as owners from './owners';
import * as scheduler from './scheduler';
import * as webhooks from './webhooks';

/**
 * Every HubSpot endpoint the package calls (nodes, credentials, and n8n's OAuth2 flow for our
 * credential), on HubSpot's 2026-09 date-versioned paths. A request to any other path leaves the
 * contract. `{name}` in a path is one percent-encoded segment.
 */
export interface Endpoint {
	id: string;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	query: z.ZodTypeAny;
	/** undefined: the request has no body. */
	body?: z.ZodTypeAny;
	/** 'form' for application/x-www-form-urlencoded, else JSON. */
	bodyType?: 'json' | 'form';
	/**
	 * The success status and its body (null: no body, e.g. 204). `partial`: a status HubSpot's docs
	 * add to the spec's (207 Multi-Status when some inputs of a batch failed), with the same body.
	 */
	success: { status: number; partial?: number; body: z.ZodTypeAny | null };
	error: z.ZodTypeAny;
	deviations: Deviation[];
	/** Where the spec defines it. */
	specFile: string;
}

const V = '2026-09';
const SCHEDULER = `Scheduler/Meetings/Rollouts/177892/${V}/meetings.json`;
const CONTACTS = `CRM/Contacts/Rollouts/424/${V}/contacts.json`;
const MEETINGS = `CRM/Meetings/Rollouts/424/${V}/meetings.json`;
const ASSOCIATIONS = `CRM/Associations/Rollouts/130902/${V}/associations.json`;
const WEBHOOKS = `Webhooks/Webhooks/Rollouts/147891/${V}/webhooks.json`;
const OWNERS = `CRM/Crm Owners/Rollouts/146888/${V}/crmOwners.json`;
const OAUTH = `Auth/Oauth/Rollouts/279897/${V}/oauth.json`;

const noQuery = z.object({}).strict();

function crmObjectEndpoints(objectType: 'contacts' | 'meetings', specFile: string): Endpoint[] {
	const base = `/crm/objects/${V}/${objectType}`;
	return [
		{
			id: `${objectType}.search`,
			method: 'POST',
			path: `${base}/search`,
			query: noQuery,
			body: crm.searchRequest,
			success: { status: 200, body: crm.searchResponse },
			error: apiError,
			deviations: crm.searchDeviations,
			specFile,
		},
		{
			id: `${objectType}.batchRead`,
			method: 'POST',
			path: `${base}/batch/read`,
			query: crm.batchReadQuery,
			body: crm.batchReadRequest,
			success: { status: 200, partial: 207, body: crm.batchReadResponse },
			error: apiError,
			deviations: [...crm.batchReadDeviations, crm.multiStatusDeviation],
			specFile,
		},
		{
			id: `${objectType}.create`,
			method: 'POST',
			path: base,
			query: noQuery,
			body: crm.createObjectRequest,
			success: { status: 201, body: crm.simplePublicObject },
			error: apiError,
			deviations: crm.createDeviations,
			specFile,
		},
		{
			id: `${objectType}.get`,
			method: 'GET',
			path: `${base}/{objectId}`,
			query: crm.getObjectQuery,
			success: { status: 200, body: crm.simplePublicObject },
			error: apiError,
			deviations: [],
			specFile,
		},
		{
			id: `${objectType}.update`,
			method: 'PATCH',
			path: `${base}/{objectId}`,
			query: crm.updateObjectQuery,
			body: crm.updateObjectRequest,
			success: { status: 200, body: crm.simplePublicObject },
			error: apiError,
			deviations: [],
			specFile,
		},
	];
}

const schedulerBase = `/scheduler/${V}/meetings`;
const webhooksBase = `/app-webhooks/${V}/{appId}`;

export const ENDPOINTS: Endpoint[] = [
	{
		id: 'scheduler.listLinks',
		method: 'GET',
		path: `${schedulerBase}/meeting-links`,
		query: scheduler.meetingLinksQuery,
		success: { status: 200, body: scheduler.meetingLinksPage },
		error: apiError,
		deviations: scheduler.meetingLinksDeviations,
		specFile: SCHEDULER,
	},
	{
		id: 'scheduler.bookingInfo',
		method: 'GET',
		path: `${schedulerBase}/meeting-links/book/{slug}`,
		query: scheduler.bookingInfoQuery,
		success: { status: 200, body: scheduler.bookingInfo },
		error: apiError,
		deviations: scheduler.schedulerReadDeviations,
		specFile: SCHEDULER,
	},
	{
		id: 'scheduler.availabilityPage',
		method: 'GET',
		path: `${schedulerBase}/meeting-links/book/availability-page/{slug}`,
		query: scheduler.availabilityPageQuery,
		success: { status: 200, body: scheduler.availabilityPage },
		error: apiError,
		deviations: scheduler.schedulerReadDeviations,
		specFile: SCHEDULER,
	},
	{
		id: 'scheduler.book',
		method: 'POST',
		path: `${schedulerBase}/meeting-links/book`,
		query: scheduler.bookQuery,
		body: scheduler.bookRequest,
		success: { status: 200, body: scheduler.bookResponse },
		error: apiError,
		deviations: scheduler.bookDeviations,
		specFile: SCHEDULER,
	},
	{
		id: 'scheduler.calendar',
		method: 'POST',
		path: `${schedulerBase}/calendar`,
		query: scheduler.calendarQuery,
		body: scheduler.calendarRequest,
		success: { status: 200, body: scheduler.calendarResponse },
		error: apiError,
		deviations: [],
		specFile: SCHEDULER,
	},
	...crmObjectEndpoints('contacts', CONTACTS),
	...crmObjectEndpoints('meetings', MEETINGS),
	{
		id: 'meetings.archive',
		method: 'DELETE',
		path: `/crm/objects/${V}/meetings/{objectId}`,
		query: noQuery,
		success: { status: 204, body: null },
		error: apiError,
		deviations: [],
		specFile: MEETINGS,
	},
	{
		id: 'associations.contactMeetingsBatchRead',
		method: 'POST',
		path: `/crm/associations/${V}/contacts/meetings/batch/read`,
		query: noQuery,
		body: crm.associationsBatchReadRequest,
		success: { status: 200, partial: 207, body: crm.associationsBatchReadResponse },
		error: apiError,
		deviations: [...crm.associationsDeviations, crm.multiStatusDeviation],
		specFile: ASSOCIATIONS,
	},
	{
		id: 'owners.get',
		method: 'GET',
		path: `/crm/owners/${V}/{ownerId}`,
		query: owners.ownerQuery,
		success: { status: 200, body: owners.publicOwner },
		error: apiError,
		deviations: [],
		specFile: OWNERS,
	},
	{
		id: 'webhooks.readSettings',
		method: 'GET',
		path: `${webhooksBase}/settings`,
		query: webhooks.hapikeyQuery,
		success: { status: 200, body: webhooks.settingsResponse },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'webhooks.writeSettings',
		method: 'PUT',
		path: `${webhooksBase}/settings`,
		query: webhooks.hapikeyQuery,
		body: webhooks.settingsRequest,
		success: { status: 200, body: webhooks.settingsResponse },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'webhooks.deleteSettings',
		method: 'DELETE',
		path: `${webhooksBase}/settings`,
		query: webhooks.hapikeyQuery,
		success: { status: 204, body: null },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'webhooks.listSubscriptions',
		method: 'GET',
		path: `${webhooksBase}/subscriptions`,
		query: webhooks.hapikeyQuery,
		success: { status: 200, body: webhooks.subscriptionList },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'webhooks.createSubscription',
		method: 'POST',
		path: `${webhooksBase}/subscriptions`,
		query: webhooks.hapikeyQuery,
		body: webhooks.subscriptionCreateRequest,
		success: { status: 201, body: webhooks.subscriptionResponse },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'webhooks.updateSubscription',
		method: 'PATCH',
		path: `${webhooksBase}/subscriptions/{subscriptionId}`,
		query: webhooks.hapikeyQuery,
		body: webhooks.subscriptionPatchRequest,
		success: { status: 200, body: webhooks.subscriptionResponse },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'webhooks.deleteSubscription',
		method: 'DELETE',
		path: `${webhooksBase}/subscriptions/{subscriptionId}`,
		query: webhooks.hapikeyQuery,
		success: { status: 204, body: null },
		error: apiError,
		deviations: webhooks.webhooksDeviations,
		specFile: WEBHOOKS,
	},
	{
		id: 'oauth.token',
		method: 'POST',
		path: `/oauth/${V}/token`,
		query: noQuery,
		body: oauth.tokenRequest,
		bodyType: 'form',
		success: { status: 200, body: oauth.tokenResponse },
		error: oauth.tokenError,
		deviations: oauth.tokenDeviations,
		specFile: OAUTH,
	},
];
