/**
 * Cuts a value quoted in an error message to at most `maxLength` characters ("..." included), so
 * that a pasted document cannot flood the message. Where the value may hold a secret, the caller
 * redacts it first.
 */
export function shorten(value: string, maxLength = 60): string {
	return value.length > maxLength ? `${value.slice(0, maxLength - 3)}...` : value;
}
