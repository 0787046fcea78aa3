import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printFrameworkSchema } from '../graphql/schema';
import { printSubgraphFrameworkSchema } from '../graphql/subgraph';

// Writes schema.graphql and schema.subgraph.graphql at the repository root; tests fail when the
// committed files differ.
const root = path.resolve(__dirname, '..', '..');
for (const [file, text] of [
  ['schema.graphql', printFrameworkSchema()],
  ['schema.subgraph.graphql', printSubgraphFrameworkSchema()],
] as const) {
  const target = path.join(root, file);
  writeFileSync(target, text);
  console.log(`wrote ${path.relative(process.cwd(), target) || target}`);
}
