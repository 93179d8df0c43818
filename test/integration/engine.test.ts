/** The harness runs real workflows through n8n-core's WorkflowExecute: expressions, several items, pairedItem. */
import { chain, createHarness, pollOnce, runWorkflow, type Harness } from '../harness/engine';

describe('engine harness', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await createHarness();
	});

	it('runs a workflow with expressions over several items and keeps pairedItem', async () => {
		const people = [
			{ first: 'Ada', last: 'Lovelace', born: 1815 },
			{ first: 'Grace', last: 'Hopper', born: 1906 },
			{ first: 'Alan', last: 'Turing', born: 1912 },
		];
		const wf = chain(people, {
			id: 'set',
			name: 'Edit Fields',
			type: 'n8n-nodes-base.set',
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				fields: {
					values: [
						{ name: 'full', value: '={{ $json.first + " " + $json.last.toUpperCase() }}' },
						{ name: 'index', value: '={{ $itemIndex }}' },
						{ name: 'fromTrigger', value: "={{ $('Trigger').item.json.born }}" },
					],
				},
			},
		});
		const result = await runWorkflow(harness, wf);
		const out = result.output('Edit Fields');
		expect(out.map((i) => i.json.full)).toEqual(['Ada LOVELACE', 'Grace HOPPER', 'Alan TURING']);
		expect(out.map((i) => i.json.index)).toEqual([0, 1, 2]);
		expect(out.map((i) => i.json.fromTrigger)).toEqual([1815, 1906, 1912]);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.run.status).toBe('success');
	});

	it('reports a node error with the node name instead of throwing', async () => {
		const wf = chain([{ a: 1 }], {
			id: 'set',
			name: 'Broken',
			type: 'n8n-nodes-base.set',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fields: { values: [{ name: 'x', value: "={{ $('No Such Node').item.json.x }}" }] } },
		});
		const result = await runWorkflow(harness, wf);
		expect(result.run.status).toBe('error');
		expect(result.error('Broken')?.message).toMatch(/Referenced node doesn't exist/);
	});

	it('polls a trigger repeatedly with static data serialised between polls, as n8n persists it', async () => {
		const node = { id: 'c', name: 'Counter', type: 'test.counterPoll', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		let state: string | undefined;
		const seen: Array<number | null> = [];
		for (let i = 0; i < 5; i++) {
			const r = await pollOnce(harness, node, state);
			seen.push(r.items ? (r.items[0].json.count as number) : null);
			state = r.staticData;
		}
		expect(seen).toEqual([1, null, 3, null, 5]);
		expect(JSON.parse(state!)).toEqual({ 'node:Counter': { count: 5 } });
		const manual = await pollOnce(harness, node, undefined, 'manual');
		expect(manual.items?.[0].json).toEqual({ count: 1, mode: 'manual' });
	});
});
