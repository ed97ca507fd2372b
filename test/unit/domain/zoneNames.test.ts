import { checkIanaZone } from '../../../nodes/shared/domain/zoneNames';

describe('checkIanaZone', () => {
	it.each([
		'America/New_York',
		'Europe/London',
		'UTC',
		'America/Argentina/Buenos_Aires',
		'Etc/GMT+5',
	])('accepts the IANA name %s', (zone) => {
		expect(checkIanaZone(zone)).toEqual({ ok: true, value: zone });
	});

	it.each([
		['EST', 'America/New_York'],
		['est', 'America/New_York'],
		['MST', 'America/Denver or America/Phoenix'],
		['PST8PDT', 'America/Los_Angeles'],
		['CET', 'Europe/Berlin or Europe/Paris'],
		['GMT', 'Europe/London or UTC'],
	])('refuses the abbreviation %s and names %s', (zone, names) => {
		const result = checkIanaZone(zone);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toContain(`Use ${names}.`);
	});

	it.each(['Eastern', 'EST5', 'Mars/Olympus', 'UTC+5', ''])(
		'refuses %p as not an IANA name',
		(zone) => {
			expect(checkIanaZone(zone)).toMatchObject({ ok: false });
		},
	);
});
