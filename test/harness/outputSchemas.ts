/** The output schema files the action node ships, computed from its registry (one per resource and operation). */
import path from 'node:path';

import { ANY_OBJECT } from '../../nodes/SalesforceConnector/actions/outputSchemas';
import { operations } from '../../nodes/SalesforceConnector/actions/registry';
import { outputSchema as triggerSchema } from '../../nodes/SalesforceConnectorTrigger/description';

export const SCHEMA_DIR = path.resolve(__dirname, '../../nodes/SalesforceConnector/__schema__/v1.0.0');
/** The trigger has no resource or operation: n8n reads its output.json */
export const TRIGGER_SCHEMA_DIR = path.resolve(__dirname, '../../nodes/SalesforceConnectorTrigger/__schema__/v1.0.0');

const text = (schema: object) => `${JSON.stringify(schema, null, '\t')}\n`;

export function outputSchemaFiles(): Array<[file: string, text: string]> {
	return [
		...Object.entries(operations).flatMap(([resource, ops]) =>
			Object.entries(ops).map(([name, op]): [string, string] => [path.join(SCHEMA_DIR, resource, `${name}.json`), text(op.outputSchema ?? ANY_OBJECT)]),
		),
		[path.join(TRIGGER_SCHEMA_DIR, 'output.json'), text(triggerSchema)],
	];
}
