import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printFrameworkSchema } from '../graphql/schema';

// Writes schema.graphql at the repository root; a test fails when the committed file differs.
const target = path.resolve(__dirname, '..', '..', 'schema.graphql');
writeFileSync(target, printFrameworkSchema());
console.log(`wrote ${path.relative(process.cwd(), target) || target}`);
