import { parseQuery } from '@jetstreamapp/soql-parser-js';
const qs = process.argv.slice(2);
for (const q of qs) { try { console.log(q, '\n', JSON.stringify(parseQuery(q).where ?? parseQuery(q))); } catch (e) { console.log(q, 'ERR', (e as Error).constructor.name, (e as Error).message, JSON.stringify(e)); } }
