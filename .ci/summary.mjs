// Prints the plain closing line CI reads: "Tests: N passed, N failed" (from vitest's JSON report).
import { readFileSync } from 'node:fs';
const r = JSON.parse(readFileSync(new URL('./test-results.json', import.meta.url), 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
