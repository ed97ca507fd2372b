import { joinSpoken, oneLine, quoteInput } from '../../../nodes/shared/domain/speech';

describe('oneLine', () => {
	it.each([
		['Booked for\nTuesday.\r\nSee you then.', 'Booked for Tuesday. See you then.'],
		['  padded\t\ttext  ', 'padded text'],
		['a\u00a0b\u2028c', 'a b c'],
		['', ''],
	])('%j → %j', (text, expected) => {
		expect(oneLine(text)).toBe(expected);
	});
});

describe('joinSpoken', () => {
	it.each([
		[[], 'or', ''],
		[['2 PM'], 'or', '2 PM'],
		[['2 PM', '3 PM'], 'or', '2 PM or 3 PM'],
		[['2 PM', '3 PM', '4 PM'], 'or', '2 PM, 3 PM, or 4 PM'],
		[
			['Monday', 'Tuesday', 'Wednesday', 'Thursday'],
			'and',
			'Monday, Tuesday, Wednesday, and Thursday',
		],
		[['2 PM', ' ', '3\nPM'], 'or', '2 PM or 3 PM'],
	])('%j with %j → %j', (items, conjunction, expected) => {
		expect(joinSpoken(items, conjunction)).toBe(expected);
	});

	it('uses "or" by default', () => {
		expect(joinSpoken(['A', 'B'])).toBe('A or B');
	});
});

describe('quoteInput', () => {
	it('quotes on one line and shortens long input', () => {
		expect(quoteInput('two\nlines')).toBe('“two lines”');
		expect(quoteInput('x'.repeat(70))).toBe(`“${'x'.repeat(59)}…”`);
		expect(quoteInput('abcdef', 4)).toBe('“abc…”');
	});
});
