import type { StaticObjectDef } from '../types';
import { field, lookup, textArea } from './builders';

/** CaseComment: Object Reference for the Salesforce Platform. The parent case is fixed once the comment exists. */
export const CASE_COMMENT: StaticObjectDef = {
	apiName: 'CaseComment',
	label: 'Case Comment',
	labelPlural: 'Case Comments',
	resource: 'caseComment',
	keyPrefix: '00a',
	fields: [
		lookup('ParentId', 'Parent Case ID', ['Case'], { requiredOnCreate: true, updateable: false }),
		textArea('CommentBody', 'Body', 4000),
		field('IsPublished', 'Published', 'boolean'),
	],
};
