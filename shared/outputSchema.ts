/** The subset of JSON Schema the editor reads to show an output's shape before a run. */
export interface OutputSchema {
	type: 'object' | 'string' | 'number' | 'boolean' | 'array' | 'null' | Array<'object' | 'string' | 'number' | 'boolean' | 'array' | 'null'>;
	properties?: Record<string, OutputSchema>;
	required?: string[];
	additionalProperties?: boolean;
	items?: OutputSchema;
	description?: string;
}
