import { parseQuery } from '@jetstreamapp/soql-parser-js';
for (const q of process.argv.slice(2)) { try { console.log(JSON.stringify(parseQuery(q))); } catch (e) { const x = e as Record<string, unknown>; console.log(q, Object.keys(x), JSON.stringify(x.token), JSON.stringify(x.previousToken), x.message); } }
