import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { oneLine } from '../../../shared/domain/speech';
import { isoSeconds, speakableDateTime } from '../../../shared/domain/time';
import { isActive } from '../../../shared/hubspot/meetings';
import type { Meeting } from '../../../shared/hubspot/meetings';

/** What Reschedule does, decided from what was read (pure; the operation carries it out). */
export type ReschedulePlan =
	/** Two or more of the guest's meetings start at the current time: which one is meant is unknown. */
	| { kind: 'ambiguous'; meetings: Meeting[] }
	/** No meeting at the current time, none at the new one either. */
	| { kind: 'nothingToMove' }
	/** A retried tool call after a successful move: the old meeting is gone and the new one exists. */
	| { kind: 'alreadyMoved'; meeting: Meeting }
	/** The new start is the current start. */
	| { kind: 'alreadyThere'; meeting: Meeting }
	/** Book the new time (unless `bookedAtNew`), then remove `old`. */
	| { kind: 'move'; old: Meeting; bookedAtNew: boolean };

export interface RescheduleFacts {
	/** The guest's meetings, as read by email. */
	meetings: Meeting[];
	currentStartMs: number;
	newStartMs: number;
	/** Owner ids of the link's people: only their meetings can be moved through this link. */
	ownersOfLink: Set<string>;
}

export function planReschedule(facts: RescheduleFacts): ReschedulePlan {
	const atCurrent = facts.meetings.filter(
		(meeting) =>
			isActive(meeting) &&
			meeting.startMs === facts.currentStartMs &&
			facts.ownersOfLink.has(meeting.ownerId ?? ''),
	);
	const atNew = facts.meetings.find(
		(meeting) => isActive(meeting) && meeting.startMs === facts.newStartMs,
	);
	if (atCurrent.length > 1) return { kind: 'ambiguous', meetings: atCurrent };
	const old = atCurrent[0];
	if (!old) return atNew ? { kind: 'alreadyMoved', meeting: atNew } : { kind: 'nothingToMove' };
	if (old.startMs === facts.newStartMs) return { kind: 'alreadyThere', meeting: old };
	return { kind: 'move', old, bookedAtNew: atNew !== undefined };
}

/**
 * A moved meeting keeps its length when the link offers that length; undefined leaves the choice
 * to the link's default (an explicit Duration wins over both, decided by the caller).
 */
export function keptDurationMs(meeting: Meeting, offeredDurationsMs: number[]): number | undefined {
	const length = meeting.endMs - meeting.startMs;
	return offeredDurationsMs.includes(length) ? length : undefined;
}

/** Reschedule's answer when nothing had to change, for a booking output of the meeting found. */
export function unchangedAnswer(
	output: IDataObject,
	plan: { kind: 'alreadyMoved' | 'alreadyThere' },
	zone: string,
	meeting: Meeting,
): IDataObject {
	const label = speakableDateTime(DateTime.fromMillis(meeting.startMs, { zone }));
	return {
		...output,
		rescheduled: plan.kind === 'alreadyMoved',
		previousMeetingId: null,
		previousStart: null,
		speech: oneLine(
			plan.kind === 'alreadyMoved'
				? `Your meeting is already moved to ${output.label as string}.`
				: `Your meeting is already on ${label}.`,
		),
	};
}

/** Reschedule's answer after the new time was booked and the old meeting removed. */
export function movedAnswer(output: IDataObject, old: Meeting, zone: string): IDataObject {
	const oldLabel = speakableDateTime(DateTime.fromMillis(old.startMs, { zone }));
	return {
		...output,
		rescheduled: true,
		previousMeetingId: old.id,
		previousStart: isoSeconds(old.startMs, zone),
		previousCrmMeeting: 'archived',
		previousCalendar: 'not known to be removed',
		speech: oneLine(
			`Done: you're booked for ${output.label as string}, and your meeting on ${oldLabel} is cancelled in our system.`,
		),
	};
}
