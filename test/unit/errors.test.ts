import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { SalesforceError } from '../../shared/client/error';
import { errorFromResponse, errorFromThrown, parseErrorBody } from '../../shared/client/responses';
import { failureJson, hintFor, redact, toNodeError } from '../../shared/errors';
import { InputError } from '../../shared/records/inputError';

const node: INode = { id: '1', name: 'Salesforce', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const raw = (statusCode: number, body: string) => ({ statusCode, headers: {}, body: Buffer.from(body) });

describe('Salesforce error translation', () => {
	it('reads REST, collection and OAuth error bodies', () => {
		expect(parseErrorBody('[{"message":"No such column","errorCode":"INVALID_FIELD","fields":["Foo"]}]')).toEqual({
			message: 'No such column',
			code: 'INVALID_FIELD',
			fields: ['Foo'],
		});
		expect(parseErrorBody({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] })?.code).toBe('REQUIRED_FIELD_MISSING');
		expect(parseErrorBody({ error: 'invalid_grant', error_description: 'expired access/refresh token' })).toMatchObject({
			code: 'invalid_grant',
			message: 'expired access/refresh token',
		});
		expect(parseErrorBody('<html>')).toBeUndefined();
	});

	it('a 5xx page that is not Salesforce’s own answer to a write leaves the outcome unknown', () => {
		const proxy = errorFromResponse(raw(502, '<html>Bad gateway</html>'), { write: true });
		expect(proxy).toMatchObject({ code: 'OUTCOME_UNKNOWN', mayHaveCommitted: true, status: 502 });
		const sf = errorFromResponse(raw(503, '[{"errorCode":"SERVER_UNAVAILABLE","message":"busy"}]'), { write: true });
		expect(sf).toMatchObject({ code: 'SERVER_UNAVAILABLE', mayHaveCommitted: false });
		expect(errorFromResponse(raw(502, '<html>'), { write: false })).toMatchObject({ code: 'ERROR_HTTP_502', mayHaveCommitted: false });
	});

	it('turns a SalesforceError into a NodeApiError with code, fields, status, item index and a fix; no internal prefixes', () => {
		const err = toNodeError(node, new SalesforceError({ code: 'INVALID_FIELD', message: "No such column 'Foo' on entity 'Account'", object: 'Account' }), {
			itemIndex: 3,
			knownFields: ['Id', 'Name'],
		});
		expect(err).toBeInstanceOf(NodeApiError);
		expect(err.message).toBe("INVALID_FIELD: No such column 'Foo' on entity 'Account'");
		expect(err.description).toContain('Fields that exist on Account: Id, Name');
		expect(err.context.itemIndex).toBe(3);
		expect(err.context.errorCode).toBe('INVALID_FIELD');
		const unknown = toNodeError(node, new SalesforceError({ code: 'OUTCOME_UNKNOWN', message: 'The connection dropped', mayHaveCommitted: true }));
		expect(unknown.message).toBe('The connection dropped');
		expect(failureJson(unknown)).toMatchObject({ outcome: 'unknown', errorCode: 'OUTCOME_UNKNOWN' });
		for (const e of [err, unknown]) expect(`${e.message} ${e.description}`).not.toMatch(/UNKNOWN_ERROR|NodeApiError|error\.data/);
	});

	it('input errors become NodeOperationErrors naming the field', () => {
		const err = toNodeError(node, new InputError('Amount expects a number', 'Use 1250.5', 'Amount__c'), { itemIndex: 1 });
		expect(err).toBeInstanceOf(NodeOperationError);
		expect(failureJson(err)).toMatchObject({ errorCode: 'INVALID_INPUT', fields: ['Amount__c'], description: 'Use 1250.5', outcome: 'failed' });
	});

	it('reads jsforce errors and dropped connections', () => {
		const thrown = Object.assign(new Error('No such column'), { errorCode: 'INVALID_FIELD', data: { message: "No such column 'Foo'", errorCode: 'INVALID_FIELD' } });
		expect(errorFromThrown(thrown, 'oAuth2')).toMatchObject({ code: 'INVALID_FIELD', message: "No such column 'Foo'" });
		expect(errorFromThrown(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'oAuth2').code).toBe('NETWORK_ERROR');
	});

	it('the named credential’s login failure shows the token endpoint’s reason, not a refresh-token message', () => {
		const e = errorFromThrown(new Error("Salesforce refused the JWT bearer login: invalid_grant (user hasn't approved this consumer)"), 'namedCredential');
		expect(e.code).toBe('CONNECTION_FAILED');
		expect(e.message).toMatch(/user hasn't approved this consumer/);
		expect(e.message).not.toMatch(/refresh token/i);
	});

	it('gives a fix for the common codes', () => {
		expect(hintFor('MALFORMED_ID')).toMatch(/15 or 18/);
		expect(hintFor('INVALID_TYPE', { object: 'Foo__c' })).toMatch(/"Foo__c" does not exist/);
		expect(hintFor('REQUEST_LIMIT_EXCEEDED')).toMatch(/not retried/);
		expect(hintFor('REQUIRED_FIELD_MISSING', { fields: ['LastName'] })).toMatch(/LastName/);
	});

	it('never lets a token or secret through', () => {
		const token = '00D5g000004ABCD!AQ0AQFakeTokenValue.abc_123';
		expect(redact(`Authorization: Bearer ${token} failed`)).not.toContain(token);
		expect(redact(`token ${token} expired`)).not.toContain(token);
		expect(redact('grant_type=refresh_token&refresh_token=5Aep861secret&client_secret=shh123456')).not.toMatch(/5Aep861secret|shh123456/);
		expect(redact('{"access_token":"abcdefgh12345"}')).not.toContain('abcdefgh12345');
		expect(redact('the secret is hunter2hunter2', ['hunter2hunter2'])).toBe('the secret is ***');
		const err = toNodeError(node, new Error(`socket hang up with Bearer ${token}`));
		expect(err.message).not.toContain(token);
	});
});
