/** The output schema files the action node ships, computed from its registry (one per resource and operation). */
import path from 'node:path';

import { ANY_OBJECT } from '../../nodes/SalesforceConnector/actions/outputSchemas';
import { operations } from '../../nodes/SalesforceConnector/actions/registry';

export const SCHEMA_DIR = path.resolve(__dirname, '../../nodes/SalesforceConnector/__schema__/v1.0.0');

export function outputSchemaFiles(): Array<[file: string, text: string]> {
	return Object.entries(operations).flatMap(([resource, ops]) =>
		Object.entries(ops).map(([name, op]): [string, string] => [
			path.join(SCHEMA_DIR, resource, `${name}.json`),
			`${JSON.stringify(op.outputSchema ?? ANY_OBJECT, null, '\t')}\n`,
		]),
	);
}
