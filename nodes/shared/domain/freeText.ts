/**
 * Free text the package writes to HubSpot (names, titles, notes, form answers) is shown in HubSpot's
 * UI, in confirmation emails and to the next caller's voice agent. NUL and other control characters
 * (terminal escapes, bells) and the invisible direction overrides that make text read differently
 * than it is stored have no place there; no person's name contains them.
 */

// C0 controls, DEL and C1 controls; tab, line feed and carriage return are checked separately.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const DIRECTION_OVERRIDE = /[\u202a-\u202e\u2066-\u2069]/;

export interface FreeTextRules {
	/** Notes and form answers may span lines; names and titles may not. */
	multiline: boolean;
}

/** Why the text cannot be written to HubSpot, or undefined when it can. */
export function freeTextProblem(text: string, rules: FreeTextRules): string | undefined {
	const control = CONTROL.exec(text) ?? (rules.multiline ? null : LINE_BREAK_OR_TAB.exec(text));
	if (control) {
		return `it contains the control character ${codePoint(control[0])} at position ${control.index + 1}. Remove it (and any other control characters)${rules.multiline ? '' : '; this field is a single line of text'}.`;
	}
	const override = DIRECTION_OVERRIDE.exec(text);
	if (override) {
		return `it contains the invisible text-direction control ${codePoint(override[0])} at position ${override.index + 1}. Remove it.`;
	}
	return undefined;
}

function codePoint(character: string): string {
	return `U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
}
