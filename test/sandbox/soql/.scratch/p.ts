import { parseQuery } from '@jetstreamapp/soql-parser-js';
const qs = [
 "SELECT Id, Name, Account.Name, (SELECT Id FROM Contacts) FROM Account WHERE Name = 'O\\'Brien' AND (A__c = 'a\\\\b' OR NOT B = 5) ORDER BY Name DESC NULLS LAST, Id LIMIT 10 OFFSET 5",
 "SELECT COUNT() FROM Account WHERE CreatedDate = LAST_N_DAYS:5 AND CreatedDate > 2024-01-31T00:00:00Z AND D = 2024-01-01 AND X IN ('a','b') AND M INCLUDES ('A;B','C') AND N = null AND B = TRUE AND n = -1.5 AND s LIKE 'a\\%b' AND T = TODAY",
 "SELECT COUNT(Id), FIELDS(ALL) FROM Account WHERE NOT (Name = 'x') AND NOT Name = 'y'",
 "SELECT Id FROM Account WHERE (Name = 'x' OR Name = 'y') AND Id != 'z'",
 "SELECT Id FROM Account WHERE Name = 'a\\nb\\u0041'",
 "SELECT Id FROM Account WHERE Name = abc",
 "SELECT Id FROM Account WHERE Name 'abc'",
 "SELECT Id FROM Account WHERE Amount = $5",
 "SELECT Id FROM Account WHERE Amount = 1e5",
 "SELECT Id FROM Account WHERE CreatedDate > 2024-01-31T00:00:00.000+0000 and CreatedDate < 2024-01-31T00:00:00+05:30",
 "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)",
 "SELECT Id FROM Account a WHERE a.Name = 'x'",
];
for (const q of qs) { try { console.log(q, '\n', JSON.stringify(parseQuery(q), null, 1)); } catch (e) { console.log(q, 'ERR', (e as Error).constructor.name, (e as Error).message); } }
