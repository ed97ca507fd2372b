import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	evaluateCallWindow,
	hubspotTimeZoneToIana,
	validateCallWindow,
} from '../domain/callWindow';
import type { CallWindowRule, Weekday } from '../domain/callWindow';
import { normalizePhone } from '../domain/phone';
import { parsePropertyList, propertiesToFetch } from './contactProperties';
import { summarizeContact } from './contactSummary';
import type { ContactSummary, PropertyValues } from './contactSummary';

/**
 * What both triggers put into an item about a contact: the summary fields, an E.164 phone number
 * for dialers, and (optionally) whether the lead may be called now.
 */

export interface CallWindowSettings {
	days: Weekday[];
	earliest: string;
	latest: string;
	useContactZone: boolean;
	/** Already validated IANA zone: the fixed zone, and the fallback for contacts without one. */
	fixedZone: string;
}

export interface ContactOutputSettings {
	/** Properties to request from HubSpot (the user's list plus what the summary needs). */
	properties: string[];
	defaultPhoneRegion: string;
	callWindow?: CallWindowSettings;
}

export interface CallWindowOutput {
	openNow: boolean;
	nextOpenAt: string;
	closesAt?: string;
	zone: string;
	zoneSource: 'contact' | 'fixed';
}

export interface ContactOutput extends ContactSummary {
	phoneE164: string | null;
}

type TriggerContext = IWebhookFunctions | IPollFunctions | IHookFunctions;

/** Reads and checks the shared fields once per delivery or poll; mistakes fail with how to fix them. */
export function readContactOutputSettings(ctx: TriggerContext): ContactOutputSettings {
	const options = ctx.getNodeParameter('options', {}) as { defaultPhoneCountry?: string };
	return {
		properties: readProperties(ctx),
		defaultPhoneRegion: (options.defaultPhoneCountry ?? 'US').trim().toUpperCase() || 'US',
		callWindow: readCallWindow(ctx),
	};
}

function readProperties(ctx: TriggerContext): string[] {
	const parsed = parsePropertyList(ctx.getNodeParameter('contactProperties', ''));
	if (!parsed.ok)
		throw new NodeOperationError(ctx.getNode(), `Contact Properties: ${parsed.reason}`);
	return propertiesToFetch(parsed.value);
}

function readCallWindow(ctx: TriggerContext): CallWindowSettings | undefined {
	if (ctx.getNodeParameter('addCallWindow', false) !== true) return undefined;
	const configuredZone = String(ctx.getNodeParameter('callTimeZone', '')).trim();
	const rule: CallWindowRule = {
		days: ctx.getNodeParameter('callDays', []) as Weekday[],
		earliest: String(ctx.getNodeParameter('callEarliest', '09:00')),
		latest: String(ctx.getNodeParameter('callLatest', '18:00')),
		zone: configuredZone === '' ? ctx.getTimezone() : configuredZone,
	};
	const checked = validateCallWindow(rule);
	if (!checked.ok) {
		throw new NodeOperationError(ctx.getNode(), `Call window: ${checked.reason}`);
	}
	return {
		days: checked.value.days,
		earliest: checked.value.earliest,
		latest: checked.value.latest,
		useContactZone: ctx.getNodeParameter('callTimeZoneSource', 'contact') === 'contact',
		fixedZone: checked.value.zone,
	};
}

export function describeContact(
	id: string,
	values: PropertyValues,
	settings: ContactOutputSettings,
): ContactOutput {
	const summary = summarizeContact(id, values);
	return { ...summary, phoneE164: toE164(summary.phone, settings.defaultPhoneRegion) };
}

function toE164(phone: string | null, region: string): string | null {
	if (phone === null) return null;
	const normalized = normalizePhone(phone, region);
	return normalized.ok ? normalized.value.e164 : null;
}

export function callWindowFor(
	settings: CallWindowSettings,
	contact: Pick<ContactSummary, 'timeZone'>,
	nowMs: number,
): CallWindowOutput {
	const contactZone = settings.useContactZone ? hubspotTimeZoneToIana(contact.timeZone) : undefined;
	const state = evaluateCallWindow(
		{
			days: settings.days,
			earliest: settings.earliest,
			latest: settings.latest,
			zone: contactZone ?? settings.fixedZone,
		},
		nowMs,
	);
	return {
		openNow: state.openNow,
		nextOpenAt: state.nextOpenAt,
		...(state.closesAt === undefined ? {} : { closesAt: state.closesAt }),
		zone: state.zone,
		zoneSource: contactZone === undefined ? 'fixed' : 'contact',
	};
}
