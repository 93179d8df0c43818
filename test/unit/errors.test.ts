import { NodeApiError, type INode } from 'n8n-workflow';

import { hintFor, parseSalesforceError, redact, translateError } from '../../shared/errors';

const node: INode = { id: '1', name: 'Salesforce', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

describe('Salesforce error translation', () => {
	it('reads REST, collection and OAuth error bodies', () => {
		expect(parseSalesforceError('[{"message":"No such column","errorCode":"INVALID_FIELD","fields":["Foo"]}]', 400)).toEqual({
			message: 'No such column',
			errorCode: 'INVALID_FIELD',
			fields: ['Foo'],
			httpCode: 400,
		});
		expect(parseSalesforceError({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] })?.errorCode).toBe(
			'REQUIRED_FIELD_MISSING',
		);
		expect(parseSalesforceError({ error: 'invalid_grant', error_description: 'expired access/refresh token' })).toMatchObject({
			errorCode: 'invalid_grant',
			message: 'expired access/refresh token',
		});
		expect(parseSalesforceError('<html>')).toBeUndefined();
	});

	it('turns what jsforce throws into a NodeApiError with code, fields, status, item index and a fix', () => {
		const thrown = Object.assign(new Error('No such column'), {
			errorCode: 'INVALID_FIELD',
			data: { message: "No such column 'Foo' on entity 'Account'", errorCode: 'INVALID_FIELD' },
		});
		const err = translateError(node, thrown, { itemIndex: 3, object: 'Account', knownFields: ['Id', 'Name'] });
		expect(err).toBeInstanceOf(NodeApiError);
		expect(err.message).toBe("INVALID_FIELD: No such column 'Foo' on entity 'Account'");
		expect(err.description).toContain('Fields that exist on Account: Id, Name');
		expect(err.context.itemIndex).toBe(3);
		expect(err.context.errorCode).toBe('INVALID_FIELD');
	});

	it('gives a fix for the common codes', () => {
		expect(hintFor({ errorCode: 'MALFORMED_ID', message: '' })).toMatch(/15 or 18/);
		expect(hintFor({ errorCode: 'INVALID_TYPE', message: '' }, { object: 'Foo__c' })).toMatch(/"Foo__c" does not exist/);
		expect(hintFor({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: '' })).toMatch(/not retried/);
		expect(hintFor({ errorCode: 'REQUIRED_FIELD_MISSING', message: '', fields: ['LastName'] })).toMatch(/LastName/);
	});

	it('never lets a token or secret through', () => {
		const token = '00D5g000004ABCD!AQ0AQFakeTokenValue.abc_123';
		expect(redact(`Authorization: Bearer ${token} failed`)).not.toContain(token);
		expect(redact(`token ${token} expired`)).not.toContain(token);
		expect(redact('grant_type=refresh_token&refresh_token=5Aep861secret&client_secret=shh123456')).not.toMatch(/5Aep861secret|shh123456/);
		expect(redact('the secret is hunter2hunter2', ['hunter2hunter2'])).toBe('the secret is ***');
		const err = translateError(node, new Error(`socket hang up with Bearer ${token}`));
		expect(err.message).not.toContain(token);
	});
});
