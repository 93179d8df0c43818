/** The trigger's options: defaults, and an error with a hint for every bad value. */
import { parseTriggerOptions, TriggerOptionError, type TriggerOptionsInput } from '../../shared/trigger';

const base: TriggerOptionsInput = { object: 'Account', event: 'newOrUpdated' };
const parse = (over: Partial<TriggerOptionsInput> = {}, ctx = {}) => parseTriggerOptions({ ...base, ...over }, ctx);

function optionError(fn: () => unknown): TriggerOptionError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(TriggerOptionError);
		return e as TriggerOptionError;
	}
	throw new Error('no error thrown');
}

describe('parseTriggerOptions', () => {
	it('defaults: start now, LastModifiedDate, 1,000 per poll, 5 minutes lookback, the fields the core reads', () => {
		expect(parse()).toEqual({
			object: 'Account',
			event: 'newOrUpdated',
			changeField: 'LastModifiedDate',
			cursorField: 'LastModifiedDate',
			start: { mode: 'now' },
			maxPerPoll: 1000,
			lookbackSeconds: 300,
			marginSeconds: 10,
			fields: ['Id', 'CreatedDate', 'LastModifiedDate'],
		});
	});

	it('On New Record orders by CreatedDate whatever the change field', () => {
		expect(parse({ event: 'new', changeField: 'SystemModstamp' })).toMatchObject({ cursorField: 'CreatedDate', fields: ['Id', 'CreatedDate'] });
		expect(parse({ event: 'updated', changeField: 'SystemModstamp' })).toMatchObject({ cursorField: 'SystemModstamp' });
	});

	it('fields: required ones first, duplicates by case dropped, a comma list accepted', () => {
		expect(parse({ fields: ['Name', 'id', 'lastmodifieddate', 'Account__r.Name', 'Name'] }).fields).toEqual([
			'Id',
			'CreatedDate',
			'LastModifiedDate',
			'Name',
			'Account__r.Name',
		]);
		expect(parse({ fields: 'Name, Industry' }).fields).toEqual(['Id', 'CreatedDate', 'LastModifiedDate', 'Name', 'Industry']);
	});

	it.each<[string, Partial<TriggerOptionsInput>, RegExp, string]>([
		['no object', { object: '' }, /No object is selected/, 'object'],
		['a label instead of an API name', { object: 'Sales Order' }, /not an object API name/, 'object'],
		['an object name that would change the query', { object: 'Account WHERE Id != null' }, /not an object API name/, 'object'],
		['an unknown event', { event: 'deleted' }, /Unknown trigger event "deleted"/, 'event'],
		['an unknown change field', { changeField: 'CreatedDate' }, /Unknown choice of changes/, 'changeField'],
		['an unknown start', { start: 'yesterday' }, /Unknown start "yesterday"/, 'start'],
		['a start date missing', { start: 'date' }, /no start date is set/, 'startDate'],
		['an unparseable start date', { start: 'date', startDate: 'next tuesday' }, /"next tuesday" is not a date and time/, 'startDate'],
		['max per poll 0', { maxPerPoll: 0 }, /Max Records per Poll must be a number from 1 to 10000, not 0/, 'maxPerPoll'],
		['max per poll fractional', { maxPerPoll: 2.5 }, /must be a whole number/, 'maxPerPoll'],
		['max per poll text', { maxPerPoll: 'many' }, /not "many"/, 'maxPerPoll'],
		['lookback negative', { lookbackMinutes: -1 }, /Lookback \(Minutes\) must be a number from 0 to 60/, 'lookbackMinutes'],
		['lookback too long', { lookbackMinutes: 61 }, /from 0 to 60/, 'lookbackMinutes'],
		['a field that is not an API name', { fields: ['Name', 'Name; DROP'] }, /"Name; DROP" is not a field API name/, 'fields'],
		['fields not a list', { fields: 42 }, /must be a list/, 'fields'],
	])('refuses %s with a hint', (_, over, message, option) => {
		const e = optionError(() => parse(over));
		expect(e.message).toMatch(message);
		expect(e.option).toBe(option);
		expect(e.hint.length).toBeGreaterThan(20);
	});

	describe('start date', () => {
		const now = new Date('2026-05-20T12:00:00Z');

		it('ISO with a zone, without (read in the workflow time zone), SQL form, a Date', () => {
			const at = (startDate: unknown, timeZone?: string) => {
				const s = parse({ start: 'date', startDate }, { now, timeZone }).start;
				return s.mode === 'date' ? new Date(s.at * 1000).toISOString() : s.mode;
			};
			expect(at('2026-05-20T10:30:00Z')).toBe('2026-05-20T10:30:00.000Z');
			expect(at('2026-05-20T10:30:00+02:00')).toBe('2026-05-20T08:30:00.000Z');
			expect(at('2026-05-20T10:30:00', 'Europe/Berlin')).toBe('2026-05-20T08:30:00.000Z');
			expect(at('2026-05-20T10:30:00')).toBe('2026-05-20T10:30:00.000Z');
			expect(at('2026-05-20 07:30:00', 'America/New_York')).toBe('2026-05-20T11:30:00.000Z');
			expect(at(new Date('2026-05-19T00:00:00.900Z'))).toBe('2026-05-19T00:00:00.000Z');
		});

		it('in the future (by more than the host may be off) is refused; the first poll checks against the org', () => {
			const e = optionError(() => parse({ start: 'date', startDate: '2026-05-21T00:00:00Z' }, { now }));
			expect(e.message).toBe('The start date 2026-05-21T00:00:00Z is in the future');
			expect(e.hint).toMatch(/Start: Now/);
			// a host 10 minutes behind the org must not refuse the user's "now"
			expect(parse({ start: 'date', startDate: '2026-05-20T12:10:00Z' }, { now }).start.mode).toBe('date');
		});

		it('an invalid time zone is named in the hint', () => {
			const e = optionError(() => parse({ start: 'date', startDate: '2026-05-20T10:30:00' }, { timeZone: 'Mars/Olympus' }));
			expect(e.hint).toMatch(/"Mars\/Olympus" is not valid/);
		});
	});
});
