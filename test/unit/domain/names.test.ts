import {
	composeName,
	isValidEmail,
	normalizeEmail,
	splitFullName,
} from '../../../nodes/shared/domain/names';

describe('splitFullName', () => {
	it.each([
		['Jane Doe', 'Jane', 'Doe'],
		['Mary Ann Smith', 'Mary Ann', 'Smith'],
		['Jane Q Doe', 'Jane Q', 'Doe'],
		['Jane Q. Doe', 'Jane Q.', 'Doe'],
		['Mary Ann van Dyke', 'Mary Ann', 'van Dyke'],
		['Vincent van der Berg', 'Vincent', 'van der Berg'],
		['Mohammed bin Salman', 'Mohammed', 'bin Salman'],
		['Leonardo da Vinci', 'Leonardo', 'da Vinci'],
		['Van Morrison', 'Van', 'Morrison'],
		['De La Soul', 'De', 'La Soul'],
		['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
		['Juan de la Cruz', 'Juan', 'de la Cruz'],
		['Gabriel García Márquez', 'Gabriel García', 'Márquez'],
		['Martin Luther King Jr.', 'Martin Luther', 'King Jr.'],
		['John Smith III', 'John', 'Smith III'],
		['John Jr.', 'John', 'Jr.'],
		['Martin Luther King, Jr.', 'Martin Luther', 'King Jr.'],
		['Jane Doe, PhD', 'Jane', 'Doe PhD'],
		['Doe, Jane', 'Jane', 'Doe'],
		['Doe,Jane', 'Jane', 'Doe'],
		['Doe, Mary Ann', 'Mary Ann', 'Doe'],
		['Beethoven, Ludwig van', 'Ludwig', 'van Beethoven'],
		['King, Martin Luther, Jr.', 'Martin Luther', 'King Jr.'],
		['Doe, Dr. Jane', 'Jane', 'Doe'],
		['Dr. Jane Doe', 'Jane', 'Doe'],
		['Mr John Smith', 'John', 'Smith'],
		['Mrs. Jane Doe', 'Jane', 'Doe'],
		['Ms Jane Doe', 'Jane', 'Doe'],
		['Prof. Dr. Hans Müller', 'Hans', 'Müller'],
		['Jean-Luc Picard', 'Jean-Luc', 'Picard'],
		["Conan O'Brien", 'Conan', "O'Brien"],
		['  Jane \t  Doe \n', 'Jane', 'Doe'],
		['jane doe', 'jane', 'doe'],
		['Cher', 'Cher', ''],
		['Dr. Who', 'Who', ''],
		['Miss', 'Miss', ''],
		['', '', ''],
		['   ', '', ''],
	])('%j → %j / %j', (full, firstName, lastName) => {
		expect(splitFullName(full)).toEqual({ firstName, lastName });
	});
});

describe('composeName', () => {
	it.each([
		['Jane', 'Doe', 'Jane Doe'],
		['Ludwig', 'van Beethoven', 'Ludwig van Beethoven'],
		[' Jane ', '  Doe ', 'Jane Doe'],
		['Cher', '', 'Cher'],
		['', 'Doe', 'Doe'],
		['', '', ''],
	])('%j + %j → %j', (first, last, expected) => {
		expect(composeName(first, last)).toBe(expected);
	});

	it('round-trips the split of a plain full name', () => {
		const { firstName, lastName } = splitFullName('Martin Luther King Jr.');
		expect(composeName(firstName, lastName)).toBe('Martin Luther King Jr.');
	});
});

describe('isValidEmail', () => {
	const longLocal = 'a'.repeat(64);
	const label63 = 'b'.repeat(63);
	it.each([
		['jane@example.com', true],
		['Jane.Doe+tag@Example.CO.UK', true],
		["o'brien@example.ie", true],
		['  jane@example.com  ', true],
		['x@sub-domain.example.org', true],
		['user@xn--bcher-kva.example', true],
		['jane@example.xn--p1ai', true],
		['jane@xn--p1ai', false],
		[`${longLocal}@example.com`, true],
		[`${longLocal}a@example.com`, false],
		[`jane@${label63}.com`, true],
		[`jane@${label63}b.com`, false],
		[`${'a'.repeat(60)}@${[label63, label63, label63].join('.')}.com`, false],
		['jane', false],
		['jane@', false],
		['@example.com', false],
		['jane@example', false],
		['jane@@example.com', false],
		['jane@doe@example.com', false],
		['jane doe@example.com', false],
		['jane@exa mple.com', false],
		['.jane@example.com', false],
		['jane.@example.com', false],
		['ja..ne@example.com', false],
		['jane@-example.com', false],
		['jane@example-.com', false],
		['jane@example..com', false],
		['jane@example.c', false],
		['jane@example.123', false],
		['jane@[192.168.0.1]', false],
		['"jane"@example.com', false],
		['', false],
	])('%j → %s', (email, expected) => {
		expect(isValidEmail(email)).toBe(expected);
	});
});

describe('normalizeEmail', () => {
	it.each([
		['  Jane.Doe@Example.COM ', 'jane.doe@example.com'],
		['mailto:Jane@Example.com', 'jane@example.com'],
		['<Jane@Example.com>', 'jane@example.com'],
		['jane@example.com', 'jane@example.com'],
	])('%j → %j', (email, expected) => {
		expect(normalizeEmail(email)).toBe(expected);
	});
});
