import { parse, print } from 'graphql';
import { oneLine } from '../../../src/explorer/client/graphql.client';
import * as historyQueries from '../../../src/explorer/client/history-queries';
import * as queries from '../../../src/explorer/client/queries';

// The explorer sends each document on one line (in a GET URL), so whatever a document holds must
// survive that: a `#` comment would swallow the rest of the query and the page would get a 400.
describe("the explorer's documents, as the client sends them", () => {
  const documents = Object.entries({ ...queries, ...historyQueries }).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );

  it('are all here', () => {
    expect(documents.map(([name]) => name)).toEqual(
      expect.arrayContaining(['DIFF', 'CHECKLIST', 'SEARCH', 'CHANGES']),
    );
  });

  it.each(documents)('%s means the same on one line as written', (_name, source) => {
    expect(print(parse(oneLine(source)))).toBe(print(parse(source)));
  });
});
