import { APP_ID, CANONICAL_RECORD_ID, RECORD_ID } from '../../../nodes/shared/domain/hubspotIds';
import { shorten } from '../../../nodes/shared/domain/shorten';

describe('shorten', () => {
	it('keeps a short value as it is', () => {
		expect(shorten('jane-doe')).toBe('jane-doe');
		expect(shorten('x'.repeat(60))).toBe('x'.repeat(60));
	});

	it('cuts a long value to the limit, "..." included', () => {
		expect(shorten('x'.repeat(61))).toBe(`${'x'.repeat(57)}...`);
		expect(shorten('y'.repeat(500), 120)).toHaveLength(120);
	});
});

describe('HubSpot id patterns', () => {
	it('accept record ids of up to 20 digits', () => {
		expect(RECORD_ID.test('51234567890')).toBe(true);
		expect(RECORD_ID.test('1'.repeat(21))).toBe(false);
		expect(RECORD_ID.test('12/../34')).toBe(false);
	});

	it('hold delivered ids to the form HubSpot writes', () => {
		expect(CANONICAL_RECORD_ID.test('12')).toBe(true);
		expect(CANONICAL_RECORD_ID.test('012')).toBe(false);
		expect(CANONICAL_RECORD_ID.test('0')).toBe(false);
	});

	it('accept app ids of up to 12 digits', () => {
		expect(APP_ID.test('123456')).toBe(true);
		expect(APP_ID.test('1'.repeat(13))).toBe(false);
	});
});
