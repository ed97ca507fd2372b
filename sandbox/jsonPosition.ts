/**
 * Where a JSON text stops being valid. V8's parse errors do not always carry a position, but
 * HubSpot's bad-JSON message names the line and column, so the sandbox finds it with a small scanner.
 */

class SyntaxAt {
	readonly offset: number;
	constructor(offset: number) {
		this.offset = offset;
	}
}

const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;

/** Offset of the first invalid character, or -1 when the text is valid JSON. */
export function jsonErrorOffset(text: string): number {
	let i = 0;
	const fail = (): never => {
		throw new SyntaxAt(i);
	};
	const skipSpace = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
	};
	const expect = (char: string) => {
		if (text[i] !== char) fail();
		i++;
	};
	const string = () => {
		expect('"');
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		expect('"');
	};
	const sequence = (close: string, item: () => void) => {
		i++;
		skipSpace();
		if (text[i] === close) {
			i++;
			return;
		}
		for (;;) {
			item();
			skipSpace();
			if (text[i] === close) {
				i++;
				return;
			}
			expect(',');
		}
	};
	const value = (): void => {
		skipSpace();
		if (text[i] === '{') {
			return sequence('}', () => {
				skipSpace();
				string();
				skipSpace();
				expect(':');
				value();
			});
		}
		if (text[i] === '[') return sequence(']', value);
		if (text[i] === '"') return string();
		const literal = LITERAL.exec(text.slice(i));
		if (!literal) fail();
		i += literal ? literal[0].length : 0;
	};
	try {
		value();
		skipSpace();
		if (i < text.length) fail();
		return -1;
	} catch (error) {
		if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
		throw error;
	}
}
