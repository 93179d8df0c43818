import type { FastifyReply } from 'fastify';

/** Salesforce's REST error body is always an array of `{message, errorCode, fields?}`. */
export interface SfErrorBody {
	message: string;
	errorCode: string;
	fields?: string[];
}

/** An error a handler throws to answer with Salesforce's error shape. */
export class SfError extends Error {
	constructor(
		readonly statusCode: number,
		readonly errorCode: string,
		message: string,
		readonly fields?: string[],
	) {
		super(message);
		this.name = 'SfError';
	}

	toBody(): SfErrorBody[] {
		const body: SfErrorBody = { message: this.message, errorCode: this.errorCode };
		if (this.fields) body.fields = this.fields;
		return [body];
	}
}

export function sendSfError(reply: FastifyReply, err: SfError): FastifyReply {
	return reply.code(err.statusCode).type('application/json;charset=UTF-8').send(err.toBody());
}

/** API versions the sandbox serves, oldest first; the newest is what `/services/data/` lists last. */
export const SUPPORTED_API_VERSIONS: readonly string[] = Array.from({ length: 66 - 20 + 1 }, (_, i) => `${20 + i}.0`);
export const LATEST_API_VERSION = SUPPORTED_API_VERSIONS[SUPPORTED_API_VERSIONS.length - 1];
