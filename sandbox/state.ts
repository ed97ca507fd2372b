/**
 * The account's in-memory data. Tests read it for assertions (`sandbox.state`); routes change it only
 * through the record stores, so calculated properties, the search index and webhooks stay consistent.
 */
import { AssociationStore } from './associations';
import type { CrmRecord } from './crmRecords';
import type { DeliveryAttempt } from './deliveryTypes';
import type { Fixture, FixtureMeetingLink, FixtureUser } from './fixtureSchema';

/** A calendar event the scheduler made for a CRM meeting (see calendarEvents.ts). */
export interface CalendarEvent {
	eventId: string;
	/** The HubSpot user whose calendar holds the event (the organizer, or the assigned member). */
	userId: string;
	meetingId: string;
}

export interface AccessTokenRecord {
	token: string;
	kind: 'oauth' | 'service-key';
	scopes: string[];
	hubId: number;
	userId: string;
	clientId?: string;
	issuedAt: number;
	/** null for tokens that never expire (service keys). */
	expiresAt: number | null;
	refreshToken?: string;
}

export interface RefreshTokenRecord {
	token: string;
	clientId: string;
	scopes: string[];
	userId: string;
	createdAt: number;
	revoked: boolean;
}

export interface AuthCodeRecord {
	code: string;
	clientId: string;
	redirectUri: string;
	scopes: string[];
	issuedAt: number;
	used: boolean;
}

export interface WebhookSettings {
	targetUrl: string;
	maxConcurrentRequests: number;
	period?: string;
	createdAt: number;
	updatedAt: number;
}

export interface WebhookSubscription {
	id: string;
	eventType: string;
	propertyName?: string;
	objectTypeId?: string;
	eventTypeName?: string;
	active: boolean;
	createdAt: number;
	updatedAt: number;
}

export type EventFormat = 'legacy' | 'generic';

/** A target configured "in HubSpot's UI" (project app or legacy private app), set via the control API. */
export interface AppWebhookTarget {
	url: string;
	eventFormat: EventFormat;
}

export interface BusyBlock {
	userId: string;
	start: number;
	end: number;
}

export interface BookingRecord {
	slug: string;
	contactId: string;
	meetingId: string | null;
	assignedUserId: string;
	start: number;
	end: number;
	isOffline: boolean;
	calendarEventId: string;
	bookedAt: number;
}

export const FIRST_CONTACT_ID = 51_234_567_001;
export const FIRST_MEETING_ID = 81_234_567_001;
export const FIRST_SUBSCRIPTION_ID = 3_100_001;
export const FIRST_EVENT_ID = 4_100_000_001;

export class SandboxState {
	fixture!: Fixture;
	users = new Map<string, FixtureUser>();
	meetingLinks: FixtureMeetingLink[] = [];
	contacts = new Map<string, CrmRecord>();
	meetings = new Map<string, CrmRecord>();
	associations = new AssociationStore();
	oneOffBusy: BusyBlock[] = [];
	accessTokens = new Map<string, AccessTokenRecord>();
	refreshTokens = new Map<string, RefreshTokenRecord>();
	authCodes = new Map<string, AuthCodeRecord>();
	webhookSettings: WebhookSettings | null = null;
	subscriptions = new Map<string, WebhookSubscription>();
	appWebhookTarget: AppWebhookTarget | null = null;
	bookings: BookingRecord[] = [];
	/** Calendar events by CRM meeting id (see calendarEvents.ts). */
	calendarEvents = new Map<string, CalendarEvent>();
	deliveries: DeliveryAttempt[] = [];
	/** Round-robin pointer per link slug. */
	roundRobinNext = new Map<string, number>();
	private counters = { contact: 0, meeting: 0, subscription: 0, event: 0 };

	/** Empties everything and installs the fixture's static parts (records are added by the loader). */
	clear(fixture: Fixture): void {
		this.fixture = fixture;
		this.users = new Map(fixture.users.map((user) => [user.userId, user]));
		this.meetingLinks = fixture.meetingLinks;
		this.contacts.clear();
		this.meetings.clear();
		this.associations.clear();
		this.oneOffBusy = [];
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.authCodes.clear();
		this.webhookSettings = null;
		this.subscriptions.clear();
		this.appWebhookTarget = null;
		this.bookings = [];
		this.calendarEvents.clear();
		this.deliveries = [];
		this.roundRobinNext.clear();
		this.counters = { contact: 0, meeting: 0, subscription: 0, event: 0 };
		for (const key of fixture.serviceKeys) {
			this.accessTokens.set(key.token, {
				token: key.token,
				kind: 'service-key',
				scopes: key.scopes,
				hubId: fixture.portal.portalId,
				userId: fixture.app.installingUserId,
				issuedAt: 0,
				expiresAt: null,
			});
		}
	}

	nextContactId(): string {
		return String(FIRST_CONTACT_ID + this.counters.contact++);
	}

	nextMeetingId(): string {
		return String(FIRST_MEETING_ID + this.counters.meeting++);
	}

	nextSubscriptionId(): string {
		return String(FIRST_SUBSCRIPTION_ID + this.counters.subscription++);
	}

	nextEventId(): number {
		return FIRST_EVENT_ID + this.counters.event++;
	}

	userByOwnerId(ownerId: string): FixtureUser | undefined {
		return [...this.users.values()].find((user) => user.ownerId === ownerId);
	}

	findLink(slug: string): FixtureMeetingLink | undefined {
		return this.meetingLinks.find((link) => link.slug === slug);
	}

	/** Live contact with this email (emails are stored lowercase, so the match ignores case). */
	contactByEmail(email: string): CrmRecord | undefined {
		const wanted = email.trim().toLowerCase();
		for (const contact of this.contacts.values()) {
			if (!contact.archived && contact.properties.email === wanted) return contact;
		}
		return undefined;
	}
}
