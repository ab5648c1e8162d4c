import { Q } from './src/db/queries.js';
console.log((Q as any)[process.argv[2]].text);
