/**
 * The shapes of HubSpot ids, written once for every node. HubSpot's record ids (contacts, meetings,
 * owners) are whole numbers of up to 20 digits; app ids are shorter.
 */

/** A record id as a user or an LLM may type it: digits only. */
export const RECORD_ID = /^\d{1,20}$/;

/**
 * A record id as HubSpot itself writes it (no leading zero, never 0). Webhook deliveries are held
 * to this form because their ids are compared as text (dedupe, batch read), where "012" and "12"
 * would be two contacts.
 */
export const CANONICAL_RECORD_ID = /^[1-9]\d{0,19}$/;

/** A HubSpot app id (the number on a legacy public app's Auth page). */
export const APP_ID = /^\d{1,12}$/;
