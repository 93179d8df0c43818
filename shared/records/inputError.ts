/** Bad input for one item: the message names the field, the hint tells the fix. Nothing of that item is sent. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly hint: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}
